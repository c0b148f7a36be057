package dev.scry.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.engine.translate.UnsupportedSqlException;
import dev.scry.planner.catalog.ColumnDefinition;
import dev.scry.planner.catalog.ColumnType;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class SparkTypesTest {
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();

  @Test
  void calciteTypesMapToSpark() {
    assertEquals(
        DataTypes.BooleanType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.BOOLEAN)));
    assertEquals(DataTypes.ByteType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.TINYINT)));
    assertEquals(
        DataTypes.ShortType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.SMALLINT)));
    assertEquals(
        DataTypes.IntegerType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.INTEGER)));
    assertEquals(DataTypes.LongType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.BIGINT)));
    assertEquals(
        DataTypes.createDecimalType(12, 2),
        SparkTypes.toSpark(types.createSqlType(SqlTypeName.DECIMAL, 12, 2)));
    assertEquals(DataTypes.FloatType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.REAL)));
    assertEquals(DataTypes.DoubleType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.FLOAT)));
    assertEquals(DataTypes.DoubleType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.DOUBLE)));
    assertEquals(
        DataTypes.StringType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.CHAR, 3)));
    assertEquals(
        DataTypes.StringType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.VARCHAR)));
    assertEquals(DataTypes.DateType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.DATE)));
    assertEquals(
        DataTypes.TimestampType, SparkTypes.toSpark(types.createSqlType(SqlTypeName.TIMESTAMP)));
    assertEquals(
        DataTypes.createArrayType(DataTypes.DoubleType, true),
        SparkTypes.toSpark(types.createArrayType(types.createSqlType(SqlTypeName.DOUBLE), -1)));
    UnsupportedSqlException time =
        assertThrows(
            UnsupportedSqlException.class,
            () -> SparkTypes.toSpark(types.createSqlType(SqlTypeName.TIME)));
    assertTrue(time.getMessage().contains("TIME"), time.getMessage());
  }

  @Test
  void sparkFieldsBecomeCatalogColumns() {
    assertEquals(
        new ColumnDefinition("price", new ColumnType("DECIMAL", 10, 3, null), true),
        SparkTypes.toColumn(
            DataTypes.createStructField("price", DataTypes.createDecimalType(10, 3), true)));
    assertEquals(
        new ColumnDefinition("v", ColumnType.arrayOf(ColumnType.of("REAL")), false),
        SparkTypes.toColumn(
            DataTypes.createStructField(
                "v", DataTypes.createArrayType(DataTypes.FloatType), false)));
    assertEquals(ColumnType.of("VARCHAR"), SparkTypes.toColumnType(DataTypes.StringType));
    assertEquals(ColumnType.of("TIMESTAMP"), SparkTypes.toColumnType(DataTypes.TimestampType));
    assertEquals(
        DataTypes.createDecimalType(10, 3),
        SparkTypes.toSpark(new ColumnType("DECIMAL", 10, 3, null)));
    UnsupportedSqlException map =
        assertThrows(
            UnsupportedSqlException.class,
            () ->
                SparkTypes.toColumn(
                    DataTypes.createStructField(
                        "m",
                        DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType),
                        true)));
    assertTrue(map.getMessage().contains("Column m"), map.getMessage());
  }
}
