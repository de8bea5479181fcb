package org.mcsan.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    private File file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p.toFile();
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static InvalidConfigException invalid(List<File> files, List<String> sets, Properties p) {
        return assertThrows(InvalidConfigException.class, () -> Settings.load(files, sets, p));
    }

    @Test
    void defaultsComeFromReferenceConf() {
        Config c = Settings.defaults().mcsan();
        assertEquals("local[*]", c.getString("spark.master"));
        assertEquals(3, c.getInt("testing.count"));
    }

    @Test
    void layersApplyInDocumentedOrder() throws IOException {
        File a = file("a.conf", "mcsan.testing { count = 4, rate = 1.5, fraction = 0.2, name = a }");
        File b = file("b.conf", "mcsan.testing { count = 5, rate = 2.5, name = b }");
        Settings s = Settings.load(
                Arrays.asList(a, b),
                Collections.singletonList("mcsan.testing.count=7"),
                props("mcsan.testing.count", "6", "mcsan.testing.rate", "3.5"));
        Config c = s.mcsan();
        assertEquals(7, c.getInt("testing.count"), "--set wins over -D and files");
        assertEquals(3.5, c.getDouble("testing.rate"), "-D wins over files");
        assertEquals("b", c.getString("testing.name"), "later file wins");
        assertEquals(0.2, c.getDouble("testing.fraction"), "earlier file still applies where later is silent");
        assertTrue(s.render(true).contains("--set mcsan.testing.count=7"), "origin of an override is shown");
        assertTrue(s.render(true).contains("b.conf"), "origin of a file value is shown");
    }

    @Test
    void setTakesStringValuesLiterally() {
        Settings s = Settings.load(
                Collections.<File>emptyList(),
                Arrays.asList("mcsan.spark.master=local[2]", "mcsan.testing.name=hdfs://nn:8020/a,b"),
                new Properties());
        assertEquals("local[2]", s.mcsan().getString("spark.master"));
        assertEquals("hdfs://nn:8020/a,b", s.mcsan().getString("testing.name"));
    }

    @Test
    void setParsesListsAndNumbers() {
        Settings s = Settings.load(
                Collections.<File>emptyList(),
                Arrays.asList("mcsan.testing.letters=[a, c]", "mcsan.testing.rate=2"),
                new Properties());
        assertEquals(Arrays.asList("a", "c"), s.mcsan().getStringList("testing.letters"));
        assertEquals(2.0, s.mcsan().getDouble("testing.rate"));
    }

    @Test
    void unknownKeySuggestsClosestKnownKey() {
        InvalidConfigException e = invalid(
                Collections.<File>emptyList(), Collections.singletonList("mcsan.testing.cuont=3"), new Properties());
        assertEquals(1, e.problems().size());
        String p = e.problems().get(0);
        assertTrue(p.startsWith("mcsan.testing.cuont: unknown key"), p);
        assertTrue(p.contains("did you mean mcsan.testing.count?"), p);
    }

    @Test
    void aMistypedSectionSuggestsTheWholeKnownPathWithTranspositionsAsOneEdit() {
        InvalidConfigException e = invalid(
                Collections.<File>emptyList(),
                Collections.singletonList("mcsan.trian.learning-rate=0.1"),
                new Properties());
        assertEquals(1, e.problems().size());
        String p = e.problems().get(0);
        assertTrue(p.startsWith("mcsan.trian.learning-rate: unknown key"), p);
        assertTrue(p.contains("did you mean mcsan.train.learning-rate?"), p);
        assertEquals(1, Suggestions.distance("trian", "train"));
        assertEquals(2, Suggestions.distance("trian", "trials"));
    }

    @Test
    void rightNameInWrongSectionIsSuggested() throws IOException {
        File f = file("x.conf", "mcsan { flag = true }");
        InvalidConfigException e =
                invalid(Collections.singletonList(f), Collections.<String>emptyList(), new Properties());
        assertTrue(e.problems().get(0).contains("did you mean mcsan.testing.nested.flag?"), e.getMessage());
        assertTrue(e.problems().get(0).contains("x.conf"), "names the file: " + e.getMessage());
    }

    @Test
    void wrongTypeNamesKeyValueAndExpectation() {
        InvalidConfigException e = invalid(
                Collections.<File>emptyList(),
                Arrays.asList(
                        "mcsan.testing.count=three", "mcsan.testing.nested.flag=maybe", "mcsan.testing.count=2.5"),
                new Properties());
        String m = e.getMessage();
        assertTrue(m.contains("mcsan.testing.count: expected an integer, got 2.5"), m);
        assertTrue(m.contains("mcsan.testing.nested.flag: expected a boolean (true/false), got \"maybe\""), m);
    }

    @Test
    void stringFromSystemPropertyIsCoercedWhenItParses() {
        Settings s = Settings.load(
                Collections.<File>emptyList(),
                Collections.<String>emptyList(),
                props("mcsan.testing.count", "9", "mcsan.testing.nested.flag", "true"));
        assertEquals(9, s.mcsan().getInt("testing.count"));
        assertTrue(s.mcsan().getBoolean("testing.nested.flag"));
    }

    @Test
    void outOfRangeNamesTheRange() {
        InvalidConfigException e = invalid(
                Collections.<File>emptyList(),
                Arrays.asList(
                        "mcsan.testing.count=11",
                        "mcsan.testing.rate=0",
                        "mcsan.testing.fraction=1",
                        "mcsan.testing.colour=purple",
                        "mcsan.testing.letters=[a, z]"),
                new Properties());
        String m = e.getMessage();
        assertEquals(5, e.problems().size(), m);
        assertTrue(m.contains("mcsan.testing.count: expected a value in [1, 10], got 11"), m);
        assertTrue(m.contains("mcsan.testing.rate: expected a value in (0, *), got 0"), m);
        assertTrue(m.contains("mcsan.testing.fraction: expected a value in [0, 1), got 1"), m);
        assertTrue(m.contains("mcsan.testing.colour: expected one of red, green, blue, got \"purple\""), m);
        assertTrue(m.contains("mcsan.testing.letters: expected one of a, b, c"), m);
    }

    @Test
    void integralDefaultMarkedNumberTakesAnyNumber() {
        Settings s = Settings.load(
                Collections.<File>emptyList(), Arrays.asList("mcsan.train.gradient-clip-norm=1.5"), new Properties());
        assertEquals(1.5, s.mcsan().getDouble("train.gradient-clip-norm"));
        InvalidConfigException e = invalid(
                Collections.<File>emptyList(), Collections.singletonList("mcsan.train.epochs=2.5"), new Properties());
        assertTrue(e.getMessage().contains("mcsan.train.epochs: expected an integer, got 2.5"), e.getMessage());
    }

    @Test
    void boundaryValuesAreAccepted() {
        Settings s = Settings.load(
                Collections.<File>emptyList(),
                Arrays.asList("mcsan.testing.count=10", "mcsan.testing.fraction=0", "mcsan.testing.count=1"),
                new Properties());
        assertEquals(1, s.mcsan().getInt("testing.count"));
    }

    @Test
    void openMapsAndNullDefaultsAcceptAnything() {
        Settings s = Settings.load(
                Collections.<File>emptyList(),
                Arrays.asList("mcsan.testing.extra.\"spark.executor.memory\"=8g", "mcsan.testing.optional=42"),
                new Properties());
        assertEquals("8g", s.mcsan().getString("testing.extra.\"spark.executor.memory\""));
        assertEquals(42, s.mcsan().getInt("testing.optional"));
    }

    @Test
    void sectionReplacedByScalarIsAnError() {
        InvalidConfigException e = invalid(
                Collections.<File>emptyList(), Collections.singletonList("mcsan.testing.nested=3"), new Properties());
        assertTrue(e.getMessage().contains("mcsan.testing.nested: expected a section"), e.getMessage());
    }

    @Test
    void badSetSyntaxAndMissingFileAreReported() {
        InvalidConfigException e = invalid(
                Collections.singletonList(new File(dir.toFile(), "nope.conf")),
                Arrays.asList("mcsan.testing.count", "testing.count=3"),
                new Properties());
        String m = e.getMessage();
        assertTrue(m.contains("nope.conf: no such file"), m);
        assertTrue(m.contains("--set mcsan.testing.count: expected key=value"), m);
        assertTrue(m.contains("keys live under 'mcsan.'"), m);
    }

    @Test
    void everyShippedConstraintAnnotationParses() {
        // A malformed annotation in any module's reference.conf must fail here, not at a user's start-up.
        Config reference = com.typesafe.config.ConfigFactory.defaultReference();
        int checked = 0;
        for (java.util.Map.Entry<String, com.typesafe.config.ConfigValue> e :
                reference.getConfig("mcsan").entrySet()) {
            Constraint.parse(e.getValue().origin().comments(), e.getKey());
            checked++;
        }
        assertTrue(checked > 10);
    }
}
