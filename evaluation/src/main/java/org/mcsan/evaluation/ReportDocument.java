package org.mcsan.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A report as a list of blocks (headings, paragraphs, tables, images, code), rendered both as
 * Markdown (images referenced by their relative path) and as a self-contained HTML page (images
 * embedded as base64 data URIs, styles inline, no external resources).
 */
final class ReportDocument {

    private interface Block {
        void markdown(StringBuilder sb);

        void html(StringBuilder sb);
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    ReportDocument(String title) {
        this.title = title;
    }

    void heading(int level, String text) {
        blocks.add(new Block() {
            @Override
            public void markdown(StringBuilder sb) {
                sb.append(repeat('#', level))
                        .append(' ')
                        .append(markdownText(text))
                        .append("\n\n");
            }

            @Override
            public void html(StringBuilder sb) {
                sb.append("<h")
                        .append(level)
                        .append('>')
                        .append(escape(text))
                        .append("</h")
                        .append(level)
                        .append(">\n");
            }
        });
    }

    void paragraph(String text) {
        blocks.add(new Block() {
            @Override
            public void markdown(StringBuilder sb) {
                sb.append(markdownText(text)).append("\n\n");
            }

            @Override
            public void html(StringBuilder sb) {
                sb.append("<p>").append(escape(text)).append("</p>\n");
            }
        });
    }

    void bullets(List<String> items) {
        List<String> copy = new ArrayList<>(items);
        blocks.add(new Block() {
            @Override
            public void markdown(StringBuilder sb) {
                for (String item : copy) {
                    sb.append("- ").append(markdownText(item)).append('\n');
                }
                sb.append('\n');
            }

            @Override
            public void html(StringBuilder sb) {
                sb.append("<ul>\n");
                for (String item : copy) {
                    sb.append("<li>").append(escape(item)).append("</li>\n");
                }
                sb.append("</ul>\n");
            }
        });
    }

    /** A paragraph set apart as a warning (e.g. an incomplete split behind a headline). */
    void warning(String text) {
        blocks.add(new Block() {
            @Override
            public void markdown(StringBuilder sb) {
                sb.append("> **").append(markdownText(text)).append("**\n\n");
            }

            @Override
            public void html(StringBuilder sb) {
                sb.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
            }
        });
    }

    /** A table; header cells starting with '>' are right-aligned columns (the '>' is not shown). */
    void table(List<String> header, List<List<String>> rows) {
        int n = header.size();
        boolean[] right = new boolean[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            right[i] = header.get(i).startsWith(">");
            names.add(right[i] ? header.get(i).substring(1) : header.get(i));
        }
        List<List<String>> body = new ArrayList<>();
        for (List<String> r : rows) {
            if (r.size() != n) {
                throw new IllegalArgumentException("table row has " + r.size() + " cells, header has " + n);
            }
            body.add(new ArrayList<>(r));
        }
        blocks.add(new Block() {
            @Override
            public void markdown(StringBuilder sb) {
                sb.append('|');
                for (String h : names) {
                    sb.append(' ').append(markdownCell(h)).append(" |");
                }
                sb.append("\n|");
                for (int i = 0; i < n; i++) {
                    sb.append(right[i] ? "---:|" : "---|");
                }
                sb.append('\n');
                for (List<String> r : body) {
                    sb.append('|');
                    for (String c : r) {
                        sb.append(' ').append(markdownCell(c)).append(" |");
                    }
                    sb.append('\n');
                }
                sb.append('\n');
            }

            @Override
            public void html(StringBuilder sb) {
                sb.append("<table>\n<thead><tr>");
                for (int i = 0; i < n; i++) {
                    sb.append(right[i] ? "<th class=\"num\">" : "<th>")
                            .append(escape(names.get(i)))
                            .append("</th>");
                }
                sb.append("</tr></thead>\n<tbody>\n");
                for (List<String> r : body) {
                    sb.append("<tr>");
                    for (int i = 0; i < n; i++) {
                        sb.append(right[i] ? "<td class=\"num\">" : "<td>")
                                .append(escape(r.get(i)))
                                .append("</td>");
                    }
                    sb.append("</tr>\n");
                }
                sb.append("</tbody>\n</table>\n");
            }
        });
    }

    /** An image: a relative path for Markdown, the PNG bytes for the self-contained HTML. */
    void image(String relativePath, byte[] png, String caption) {
        String data = Base64.getEncoder().encodeToString(png);
        blocks.add(new Block() {
            @Override
            public void markdown(StringBuilder sb) {
                sb.append("![")
                        .append(markdownText(caption))
                        .append("](")
                        .append(relativePath)
                        .append(")\n\n");
            }

            @Override
            public void html(StringBuilder sb) {
                sb.append("<figure><img src=\"data:image/png;base64,")
                        .append(data)
                        .append("\" alt=\"")
                        .append(escape(caption))
                        .append("\"><figcaption>")
                        .append(escape(caption))
                        .append("</figcaption></figure>\n");
            }
        });
    }

    void code(String text) {
        blocks.add(new Block() {
            @Override
            public void markdown(StringBuilder sb) {
                // A fence longer than any backtick run in the text cannot be closed by it.
                String fence = repeat('`', Math.max(3, longestRun(text, '`') + 1));
                sb.append(fence).append('\n').append(text);
                if (!text.endsWith("\n")) {
                    sb.append('\n');
                }
                sb.append(fence).append("\n\n");
            }

            @Override
            public void html(StringBuilder sb) {
                sb.append("<pre>").append(escape(text)).append("</pre>\n");
            }
        });
    }

    /**
     * Preformatted text in a collapsed section: HTML {@code <details>} (opened by a click on the summary line);
     * Markdown gets the same element around a fenced block, which renderers such as GitHub's show collapsed.
     */
    void collapsedCode(String summary, String text) {
        blocks.add(new Block() {
            @Override
            public void markdown(StringBuilder sb) {
                String fence = repeat('`', Math.max(3, longestRun(text, '`') + 1));
                sb.append("<details><summary>")
                        .append(escape(summary))
                        .append("</summary>\n\n")
                        .append(fence)
                        .append('\n')
                        .append(text);
                if (!text.endsWith("\n")) {
                    sb.append('\n');
                }
                sb.append(fence).append("\n\n</details>\n\n");
            }

            @Override
            public void html(StringBuilder sb) {
                sb.append("<details><summary>")
                        .append(escape(summary))
                        .append("</summary>\n<pre>")
                        .append(escape(text))
                        .append("</pre>\n</details>\n");
            }
        });
    }

    String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        for (Block b : blocks) {
            b.markdown(sb);
        }
        return sb.toString();
    }

    String toHtml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;max-width:1200px;")
                .append("margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\n")
                .append("h1{border-bottom:2px solid #444}h2{border-bottom:1px solid #bbb;margin-top:2em}\n")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:0.92em}\n")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\n")
                .append("th{background:#f0f3f7}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("tbody tr:nth-child(even){background:#fafafa}\n")
                .append("figure{margin:1em 0}img{max-width:100%;height:auto;border:1px solid #ddd}\n")
                .append("figcaption{font-size:0.9em;color:#555}\n")
                .append("pre{background:#f6f8fa;padding:1em;overflow:auto;font-size:0.85em}\n")
                .append("details{margin:1em 0}summary{cursor:pointer;font-weight:bold}\n")
                .append(".note{background:#fff4e5;border-left:4px solid #e08a00;padding:0.5em 1em}\n")
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n");
        for (Block b : blocks) {
            b.html(sb);
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Text with Markdown's inline markup characters escaped, so names like {@code audio_only} print as is. */
    static String markdownText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\`*_[]<>|".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String markdownCell(String s) {
        return markdownText(s).replace("\n", " ");
    }

    private static int longestRun(String s, char ch) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == ch ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    private static String repeat(char ch, int n) {
        char[] chars = new char[n];
        Arrays.fill(chars, ch);
        return new String(chars);
    }
}
