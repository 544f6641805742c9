//! Source -> AST: the preprocessor, the pest grammar's parser and the AST types.

pub mod ast;
pub mod parser;
pub mod preprocess;
pub mod render;
