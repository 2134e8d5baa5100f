pub fn run(_: BenchArgs) -> Result<std::process::ExitCode, litopys_core::Error> {
    todo!()
}
#[derive(clap::Args)]
pub struct BenchArgs {}
