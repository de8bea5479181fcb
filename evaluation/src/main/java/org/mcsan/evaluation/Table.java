package org.mcsan.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A small typed table that the evaluator writes both as CSV and as Parquet. */
final class Table {

    private final List<String> names = new ArrayList<>();
    private final List<DataType> types = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    Table column(String name, DataType type) {
        names.add(name);
        types.add(type);
        return this;
    }

    Table intColumn(String name) {
        return column(name, DataTypes.IntegerType);
    }

    Table longColumn(String name) {
        return column(name, DataTypes.LongType);
    }

    Table doubleColumn(String name) {
        return column(name, DataTypes.DoubleType);
    }

    Table stringColumn(String name) {
        return column(name, DataTypes.StringType);
    }

    /** Adds a row; values must match the column types (Integer, Long, Double, String) or be null. */
    void row(Object... values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException(
                    "row has " + values.length + " values, table has " + names.size() + " columns " + names);
        }
        rows.add(values.clone());
    }

    List<String> columnNames() {
        return Collections.unmodifiableList(names);
    }

    List<Object[]> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** RFC 4180 CSV with a header; null and NaN are written as empty cells. */
    String toCsv() {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, names.toArray());
        for (Object[] r : rows) {
            appendLine(sb, r);
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(csvCell(values[i]));
        }
        sb.append('\n');
    }

    private static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double) {
            return Format.decimal((Double) v);
        }
        String s = v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Writes the table as a single-file Parquet directory at {@code path}, which must not exist. */
    void writeParquet(SparkSession spark, String path) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(DataTypes.createStructField(names.get(i), types.get(i), true));
        }
        List<Row> sparkRows = new ArrayList<>();
        for (Object[] r : rows) {
            sparkRows.add(RowFactory.create(r));
        }
        spark.createDataFrame(sparkRows, new StructType(fields.toArray(new StructField[0])))
                .coalesce(1)
                .write()
                .parquet(path);
    }
}
