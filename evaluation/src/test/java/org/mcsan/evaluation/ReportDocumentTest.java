package org.mcsan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ReportDocumentTest {

    @Test
    void markdownEscapesMarkupAndHtmlEscapesTags() {
        ReportDocument d = new ReportDocument("R");
        d.paragraph("trial audio_only <b>");
        d.table(Arrays.asList("name", ">value"), Collections.singletonList(Arrays.asList("a|b", "1.00")));
        d.code("x = \"```\"\n");
        String md = d.toMarkdown();
        assertEquals(
                "# R\n\n"
                        + "trial audio\\_only \\<b\\>\n\n"
                        + "| name | value |\n|---|---:|\n| a\\|b | 1.00 |\n\n"
                        + "````\nx = \"```\"\n````\n\n",
                md);
        String html = d.toHtml();
        assertTrue(html.contains("<p>trial audio_only &lt;b&gt;</p>"), html);
        assertTrue(html.contains("<th>name</th><th class=\"num\">value</th>"), html);
        assertTrue(html.contains("<td>a|b</td><td class=\"num\">1.00</td>"), html);
        assertTrue(html.contains("<pre>x = &quot;```&quot;\n</pre>"), html);
    }
}
