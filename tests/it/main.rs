//! The one integration-test binary; modules by concern.

mod badinput;
mod cases;
mod cli;
mod contacts;
mod corpus;
mod datemoney;
mod docx;
mod es;
mod facets;
mod golden;
mod index;
mod ner;
mod nermodel;
mod props;
mod segment;
mod util;
