package org.mcsan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Everything one {@code mcsan bench} run measured, as JSON and as a console table. */
public final class BenchReport {
    private final Map<String, Object> machine;
    private final Map<String, Object> settings;
    private final List<PartReport> parts = new ArrayList<>();

    BenchReport(Map<String, Object> machine, Map<String, Object> settings) {
        this.machine = new LinkedHashMap<>(machine);
        this.settings = new LinkedHashMap<>(settings);
    }

    void add(PartReport part) {
        parts.add(part);
    }

    public List<PartReport> parts() {
        return Collections.unmodifiableList(parts);
    }

    public boolean anyError() {
        for (PartReport part : parts) {
            if (part.error() != null) {
                return true;
            }
        }
        return false;
    }

    public boolean anyTargetMissed() {
        for (PartReport part : parts) {
            for (Measurement m : part.measurements()) {
                if (m.verdict() == Target.Verdict.FAIL) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The report as nested maps and lists, in the order written to JSON. */
    Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("machine", machine);
        root.put("settings", settings);
        List<Object> partList = new ArrayList<>();
        for (PartReport part : parts) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", part.name());
            p.put("description", part.description());
            p.put("seconds", part.seconds());
            p.put("error", part.error());
            p.put("info", part.info());
            List<Object> rows = new ArrayList<>();
            for (Measurement m : part.measurements()) {
                rows.add(toMap(m));
            }
            p.put("measurements", rows);
            partList.add(p);
        }
        root.put("parts", partList);
        return root;
    }

    private static Map<String, Object> toMap(Measurement m) {
        Stats s = m.stats();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", m.id());
        row.put("label", m.label());
        row.put("unit", m.unit());
        row.put("median", s.median());
        row.put("q1", s.q1());
        row.put("q3", s.q3());
        row.put("min", s.min());
        row.put("max", s.max());
        row.put("repetitions", s.count());
        row.put("samples", s.samples());
        row.put("cpu_cores_used", m.cpuCoresUsed());
        row.put("rate_per_cpu_second", m.ratePerCpuSecond());
        Map<String, Object> target = null;
        if (m.target() != null) {
            target = new LinkedHashMap<>();
            target.put(
                    m.target().isAtLeast() ? "at_least" : "at_most", m.target().threshold());
        }
        row.put("target", target);
        row.put("verdict", m.verdict().json());
        row.put("details", m.details());
        return row;
    }

    /** Writes the JSON report; a complete file or none (written beside it, then renamed). */
    public void writeJson(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(new File(temporary.toString()), toMap());
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The measurements as an aligned table ("cores": CPU cores the process got during the timed runs), then each
     * part's facts and errors.
     */
    public String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"part", "measurement", "median", "min - max", "unit", "cores", "target", "result"});
        for (PartReport part : parts) {
            for (Measurement m : part.measurements()) {
                Stats s = m.stats();
                rows.add(new String[] {
                    part.name(),
                    m.label(),
                    Numbers.format(s.median()),
                    Numbers.format(s.min()) + " - " + Numbers.format(s.max()),
                    m.unit(),
                    m.cpuCoresUsed() == null ? "-" : String.format(Locale.ROOT, "%.2f", m.cpuCoresUsed()),
                    m.target() == null ? "-" : m.target().toString(),
                    m.verdict().console()
                });
            }
        }
        boolean[] rightAligned = {false, false, true, true, false, true, false, false};
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                line.append(pad(rows.get(r)[c], widths[c], rightAligned[c]));
            }
            out.append(stripTrailing(line)).append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w;
                }
                out.append(dashes(total + 2 * (widths.length - 1))).append('\n');
            }
        }
        for (PartReport part : parts) {
            if (!part.info().isEmpty()) {
                out.append(part.name()).append(": ").append(part.info()).append('\n');
            }
            if (part.error() != null) {
                out.append(part.name()).append(": ERROR ").append(part.error()).append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        StringBuilder b = new StringBuilder();
        if (!right) {
            b.append(s);
        }
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        if (right) {
            b.append(s);
        }
        return b.toString();
    }

    private static String dashes(int n) {
        char[] c = new char[n];
        Arrays.fill(c, '-');
        return new String(c);
    }

    private static String stripTrailing(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }
}
