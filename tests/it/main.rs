//! The one integration-test binary; modules by concern.

mod cases;
mod contacts;
mod util;
