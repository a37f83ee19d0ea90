//! The YAML → typed-fields layer: splitting a file at its `---` fences,
//! parsing the YAML with positions, and reading typed fields with one
//! diagnostic per bad value.

pub mod fields;
mod plain;
pub mod positions;
pub mod split;
pub mod yaml;

/// Parse front matter `yaml`, whose first line is line `first_line` of its
/// file: in the plain shape most front matter has without the YAML parser
/// (see `plain`), with it otherwise; the same tree either way.
pub fn parse(yaml: &str, first_line: u32) -> Result<yaml::Node, yaml::YamlError> {
    plain::parse(yaml, first_line).map_or_else(|| yaml::parse(yaml, first_line), Ok)
}
