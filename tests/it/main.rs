//! The one integration-test binary; modules by concern.

mod cases;
mod cli;
mod contacts;
mod corpus;
mod docx;
mod golden;
mod segment;
mod util;
