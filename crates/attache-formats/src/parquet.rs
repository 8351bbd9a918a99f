//! Events as a Parquet file, for dataframes and query engines (pandas, Polars, DuckDB,
//! Spark). Written with the `parquet` crate's own column writers: the Arrow layer would
//! add minutes to every build for no gain here.

use crate::stored::outlets;
use crate::Error;
use attache_store::EventRow;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DataType, DoubleType, Int32Type, Int64Type};
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;
use std::sync::Arc;

const SCHEMA: &str = "message attache_event {
    REQUIRED INT64 id;
    OPTIONAL BYTE_ARRAY date (UTF8);
    REQUIRED BYTE_ARRAY cameo (UTF8);
    REQUIRED BYTE_ARRAY description (UTF8);
    OPTIONAL BYTE_ARRAY source_code (UTF8);
    OPTIONAL BYTE_ARRAY source_name (UTF8);
    OPTIONAL BYTE_ARRAY target_code (UTF8);
    OPTIONAL BYTE_ARRAY target_name (UTF8);
    OPTIONAL BYTE_ARRAY place (UTF8);
    OPTIONAL BYTE_ARRAY country (UTF8);
    OPTIONAL DOUBLE latitude;
    OPTIONAL DOUBLE longitude;
    OPTIONAL DOUBLE goldstein;
    OPTIONAL INT32 quad_class;
    OPTIONAL BYTE_ARRAY plover (UTF8);
    REQUIRED INT64 mentions;
    REQUIRED INT64 num_sources;
    REQUIRED INT64 num_articles;
    REQUIRED BOOLEAN conflict;
    REQUIRED BYTE_ARRAY outlets (UTF8);
}";

/// One column's values, in schema order.
enum Column {
    Int64(Vec<i64>),
    /// Text, and whether the column is required.
    Text(Vec<Option<String>>, bool),
    Double(Vec<Option<f64>>),
    Int32(Vec<Option<i32>>),
    Bool(Vec<bool>),
}

/// Writes the events (with each event's outlets joined by "; ") as one row group.
pub fn write(file: impl std::io::Write + Send, events: &[EventRow]) -> Result<(), Error> {
    let side = |s: &Option<attache_store::Side>, code: bool| {
        s.as_ref().and_then(|s| if code { s.code.clone() } else { s.name.clone() })
    };
    let text = |f: &dyn Fn(&EventRow) -> Option<String>| Column::Text(events.iter().map(f).collect(), false);
    let required = |f: &dyn Fn(&EventRow) -> String| Column::Text(events.iter().map(|e| Some(f(e))).collect(), true);
    let coordinate = |i: usize| {
        Column::Double(
            events
                .iter()
                .map(|e| e.place.as_ref().and_then(|p| p.coordinates).map(|c| if i == 0 { c.0 } else { c.1 }))
                .collect(),
        )
    };
    let columns = vec![
        Column::Int64(events.iter().map(|e| e.id).collect()),
        text(&|e| e.date.clone()),
        required(&|e| e.cameo.clone()),
        required(&|e| e.description.clone()),
        text(&|e| side(&e.source, true)),
        text(&|e| side(&e.source, false)),
        text(&|e| side(&e.target, true)),
        text(&|e| side(&e.target, false)),
        text(&|e| e.place.as_ref().map(|p| p.name.clone())),
        text(&|e| e.place.as_ref().and_then(|p| p.country.clone())),
        coordinate(0),
        coordinate(1),
        Column::Double(events.iter().map(|e| e.goldstein).collect()),
        Column::Int32(events.iter().map(|e| e.quad_class.map(|q| q as i32)).collect()),
        text(&|e| e.plover.clone()),
        Column::Int64(events.iter().map(|e| e.mentions).collect()),
        Column::Int64(events.iter().map(|e| e.num_sources).collect()),
        Column::Int64(events.iter().map(|e| e.num_articles).collect()),
        Column::Bool(events.iter().map(|e| e.conflict).collect()),
        required(&|e| outlets(e).join("; ")),
    ];
    let schema = Arc::new(parse_message_type(SCHEMA)?);
    let mut writer = SerializedFileWriter::new(file, schema, Default::default())?;
    let mut group = writer.next_row_group()?;
    let mut columns = columns.into_iter();
    while let Some(mut column) = group.next_column()? {
        match columns.next().expect("the Parquet schema has one column per value list") {
            Column::Int64(values) => {
                write_values::<Int64Type>(&mut column, values.into_iter().map(Some).collect(), true)?
            }
            Column::Bool(values) => {
                write_values::<BoolType>(&mut column, values.into_iter().map(Some).collect(), true)?
            }
            Column::Double(values) => write_values::<DoubleType>(&mut column, values, false)?,
            Column::Int32(values) => write_values::<Int32Type>(&mut column, values, false)?,
            Column::Text(values, required) => write_values::<ByteArrayType>(
                &mut column,
                values.into_iter().map(|v| v.map(|s| ByteArray::from(s.into_bytes()))).collect(),
                required,
            )?,
        }
        column.close()?;
    }
    group.close()?;
    writer.close()?;
    Ok(())
}

/// Writes optional values with definition levels (1 present, 0 null), required ones without.
fn write_values<T: DataType>(
    column: &mut SerializedColumnWriter,
    values: Vec<Option<T::T>>,
    required: bool,
) -> Result<(), Error> {
    let levels: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
    let present: Vec<T::T> = values.into_iter().flatten().collect();
    column.typed::<T>().write_batch(&present, if required { None } else { Some(&levels) }, None)?;
    Ok(())
}
