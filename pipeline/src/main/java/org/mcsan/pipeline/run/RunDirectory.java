package org.mcsan.pipeline.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run directory on any Hadoop file system (DESIGN §4). Files are written to a temporary sibling and renamed
 * into place, so a crash never leaves a half-written file under its final name.
 */
public final class RunDirectory implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String root;

  public RunDirectory(String root) {
    this.root = root;
  }

  public String root() {
    return root;
  }

  public Path path(String relative) {
    return new Path(root, relative);
  }

  public static String unitName(int trial, int fold) {
    return String.format("trial-%03d/fold-%02d", trial, fold);
  }

  /** Where a (trial, fold) unit's committed outputs live; its existence marks the unit complete. */
  public String unitDir(int trial, int fold) {
    return "units/" + unitName(trial, fold);
  }

  public String checkpointDir(int trial, int fold) {
    return "checkpoints/" + unitName(trial, fold);
  }

  public String predictionsDir(int trial, int fold) {
    return "predictions/trial=" + trial + "/fold=" + fold;
  }

  public FileSystem fs(Configuration conf) throws IOException {
    return new Path(root).getFileSystem(conf);
  }

  public boolean exists(Configuration conf, String relative) throws IOException {
    return fs(conf).exists(path(relative));
  }

  public String readText(Configuration conf, String relative) throws IOException {
    try (InputStream in = fs(conf).open(path(relative))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
  }

  /** Writes a text file atomically (temporary sibling, then rename over the old one). */
  public void writeText(Configuration conf, String relative, String text) throws IOException {
    writeAtomically(fs(conf), path(relative), text.getBytes(StandardCharsets.UTF_8));
  }

  public static void writeAtomically(FileSystem fs, Path target, byte[] bytes) throws IOException {
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(bytes);
    }
    if (fs.exists(target) && !fs.delete(target, false)) {
      throw new IOException("cannot replace " + target);
    }
    if (!fs.rename(tmp, target)) {
      fs.delete(tmp, false);
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }

  /** Moves a finished temporary directory to its final name, replacing a stale one left by a crash. */
  public static void commitDirectory(FileSystem fs, Path tmp, Path target) throws IOException {
    fs.mkdirs(target.getParent());
    if (fs.exists(target) && !fs.delete(target, true)) {
      throw new IOException("cannot replace " + target);
    }
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }
}
