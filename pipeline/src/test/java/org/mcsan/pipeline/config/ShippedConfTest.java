package org.mcsan.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every example file in conf/ must pass validation: examples drift when keys are renamed. */
class ShippedConfTest {
  @Test
  void everyConfFileValidates() {
    File conf = new File(new File(System.getProperty("user.dir")).getParentFile(), "conf");
    File[] files = conf.listFiles((d, name) -> name.endsWith(".conf"));
    assertTrue(files != null && files.length > 0, "no conf files in " + conf);
    for (File f : files) {
      Settings.load(Collections.singletonList(f), Collections.<String>emptyList(), new Properties());
    }
  }
}
