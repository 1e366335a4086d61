//! The one integration-test binary; modules by concern.

mod cases;
mod ner;
mod util;
