package org.mcsan.model.nn;

import com.intel.analytics.bigdl.tensor.TensorNumericMath$TensorNumeric$NumericFloat$;

/** Row-major single-precision BLAS through BigDL's MKL binding. */
final class Blas {
    private static final TensorNumericMath$TensorNumeric$NumericFloat$ MKL =
            TensorNumericMath$TensorNumeric$NumericFloat$.MODULE$;

    private Blas() {}

    /**
     * C[m×n] = alpha · op(A) · op(B) + beta · C for row-major matrices with row strides lda, ldb, ldc;
     * op(X) = Xᵀ when the flag is set (A is then stored k×m, B n×k).
     */
    static void gemm(
            boolean transposeA,
            boolean transposeB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOffset,
            int lda,
            float[] b,
            int bOffset,
            int ldb,
            float beta,
            float[] c,
            int cOffset,
            int ldc) {
        // A row-major matrix is its transpose in column-major order: compute Cᵀ = op(B)ᵀ · op(A)ᵀ.
        MKL.gemm(
                transposeB ? 't' : 'n',
                transposeA ? 't' : 'n',
                n,
                m,
                k,
                alpha,
                b,
                bOffset,
                ldb,
                a,
                aOffset,
                lda,
                beta,
                c,
                cOffset,
                ldc);
    }

    /** y[i] = exp(x[i]) for n values. */
    static void exp(int n, float[] x, int xOffset, float[] y, int yOffset) {
        MKL.vExp(n, x, xOffset, y, yOffset);
    }
}
