//! The one integration-test binary; modules by concern.

mod cases;
mod cli;
mod contacts;
mod corpus;
mod golden;
mod ner;
mod segment;
mod util;
