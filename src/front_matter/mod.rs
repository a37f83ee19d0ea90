//! The YAML → typed-fields layer: splitting a file at its `---` fences,
//! parsing the YAML with positions, and reading typed fields with one
//! diagnostic per bad value.

pub mod fields;
mod plain;
pub mod split;
pub mod yaml;
