//! The one integration-test binary; modules by concern.

mod cases;
mod cli;
mod corpus;
mod golden;
mod ner;
mod util;
