//! Evaluation (placeholder).

use crate::cli::EvalArgs;

pub fn run_cli(_args: &EvalArgs) -> Result<(), String> {
    Err("eval is not implemented yet".into())
}
