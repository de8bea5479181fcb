package org.mcsan.model.nn;

/**
 * Companion stub required by BigDL's module loader: it re-creates modules through Scala
 * reflection, which treats every Java class as having a companion object {@code Name$} with a
 * static {@code MODULE$}. Without this class {@link Relu} cannot be loaded by
 * {@code Module.loadModule}.
 */
public final class Relu$ {
    public static final Relu$ MODULE$ = new Relu$();

    private Relu$() {}
}
