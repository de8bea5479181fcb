package org.mcsan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTablesTest {

    private static Object[] find(Table t, Object... keyValues) {
        List<String> cols = t.columnNames();
        for (Object[] row : t.rows()) {
            boolean match = true;
            for (int i = 0; i < keyValues.length; i += 2) {
                Object v = row[cols.indexOf((String) keyValues[i])];
                match &= keyValues[i + 1] == null ? v == null : keyValues[i + 1].equals(v);
            }
            if (match) {
                return row;
            }
        }
        throw new AssertionError("no row with " + Arrays.toString(keyValues));
    }

    private static Object cell(Table t, Object[] row, String column) {
        return row[t.columnNames().indexOf(column)];
    }

    @Test
    void metricsTableHasFoldAndAggregateRows() {
        Table t = MetricsTables.metrics(Fixtures.summary());
        // trial 0: 3 fold rows (test 0, test 1, val 0) + 2 splits x (mean, std, pooled) = 9
        // trial 1: 1 fold row + 6 aggregate rows = 7
        assertEquals(16, t.rows().size());
        Object[] fold1 = find(t, "trial", 0, "fold", 1, "split", "test", "row_type", "fold");
        assertEquals("spk2", cell(t, fold1, "fold_name"));
        assertEquals(6L, cell(t, fold1, "utterances"));
        assertEquals(0.5, (Double) cell(t, fold1, "wa"), 1e-12);
        Object[] std = find(t, "trial", 0, "split", "test", "row_type", "std");
        assertNull(cell(t, std, "fold"));
        assertEquals(2, cell(t, std, "folds"));
        assertEquals((1.0 / 3) / Math.sqrt(2), (Double) cell(t, std, "wa"), 1e-12);
        Object[] pooled = find(t, "trial", 0, "split", "test", "row_type", "pooled");
        assertEquals(12L, cell(t, pooled, "utterances"));
        assertEquals(2.0 / 3, (Double) cell(t, pooled, "ua"), 1e-12);
        Object[] absent = find(t, "trial", 1, "fold", 0, "split", "test", "row_type", "fold");
        assertEquals("b", cell(t, absent, "classes_absent"));
        assertEquals("b", cell(t, absent, "classes_never_predicted"));
    }

    @Test
    void csvWritesUndefinedValuesAsEmptyCells() {
        String csv = MetricsTables.metrics(Fixtures.summary()).toCsv();
        String[] lines = csv.split("\n");
        assertEquals(
                "trial,trial_name,fold,fold_name,split,row_type,folds,utterances,wa,ua,weighted_f1,macro_f1,"
                        + "classes_absent,classes_never_predicted",
                lines[0]);
        // trial 0 val has one fold: its std row is all empty metric cells
        boolean found = false;
        for (String l : lines) {
            if (l.startsWith("0,full,,,val,std,1,,")) {
                assertEquals("0,full,,,val,std,1,,,,,,,", l);
                found = true;
            }
        }
        assertTrue(found, csv);
    }

    @Test
    void confusionTableIsLongFormWithShares() {
        Table t = MetricsTables.confusion(Fixtures.summary());
        Object[] cell = find(t, "trial", 0, "fold", 0, "split", "test", "true_class", "a", "pred_class", "b");
        assertEquals(1L, cell(t, cell, "count"));
        assertEquals(0.25, (Double) cell(t, cell, "row_share"), 1e-12); // [[3,1],...]: 1 of 4
        Object[] pooled =
                find(t, "trial", 0, "split", "test", "row_type", "pooled", "true_class", "b", "pred_class", "b");
        assertEquals(4L, cell(t, pooled, "count"));
        Object[] absentRow = find(t, "trial", 1, "fold", 0, "split", "test", "true_class", "b", "pred_class", "a");
        assertTrue(Double.isNaN((Double) cell(t, absentRow, "row_share")));
    }

    @Test
    void classMetricsAndComparison() {
        Table c = MetricsTables.classMetrics(Fixtures.summary());
        Object[] a = find(c, "trial", 0, "fold", 1, "split", "test", "class", "a");
        assertEquals(1.0 / 3, (Double) cell(c, a, "precision"), 1e-12);
        assertEquals(0.4, (Double) cell(c, a, "f1"), 1e-12);

        Table cmp = MetricsTables.comparison(Fixtures.summary());
        assertEquals(2, cmp.rows().size());
        Object[] full = find(cmp, "trial", 0);
        assertEquals("mcsan.model.variant=full", cell(cmp, full, "overrides"));
        assertEquals(11.0 / 16, (Double) cell(cmp, full, "ua_mean"), 1e-12);
        assertEquals(2.0 / 3, (Double) cell(cmp, full, "pooled_wa"), 1e-12);
        assertEquals("ua", cell(cmp, full, "headline_metric"));
    }

    @Test
    void csvQuotesCellsWithCommas() {
        Table t = new Table().stringColumn("x").doubleColumn("y");
        t.row("a, \"b\"", Double.NaN);
        assertEquals("x,y\n\"a, \"\"b\"\"\",\n", t.toCsv());
    }
}
