//! The one integration-test binary; modules by concern.

mod badinput;
mod cases;
mod cli;
mod contacts;
mod corpus;
mod datemoney;
mod docx;
mod es;
mod golden;
mod index;
mod ner;
mod props;
mod segment;
mod util;
