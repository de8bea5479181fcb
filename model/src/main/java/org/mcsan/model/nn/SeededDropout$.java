package org.mcsan.model.nn;

/** Companion stub for BigDL's module loader (see {@code LayerNorm$}). */
public final class SeededDropout$ {
  public static final SeededDropout$ MODULE$ = new SeededDropout$();

  private SeededDropout$() {
  }
}
