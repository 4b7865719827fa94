//! `hotspot-users-wasm-split <input.wasm> <paths-file> <now> <primary.wasm> <lazy.wasm>`
//!
//! `paths-file`: one path per line (`#` starts a comment); a function whose
//! demangled name contains one of them goes to the on-demand module, unless
//! it also contains one of the paths written with a leading `!`.
use anyhow::{Context, Result};
use std::fs;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, paths, now, primary, lazy] = args.as_slice() else {
        anyhow::bail!("usage: hotspot-users-wasm-split <input.wasm> <paths-file> <now> <primary.wasm> <lazy.wasm>");
    };
    let wasm = fs::read(input).with_context(|| format!("reading {input}"))?;
    let text = fs::read_to_string(paths).with_context(|| format!("reading {paths}"))?;
    let lines = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty());
    let (keep, lazy_paths): (Vec<&str>, Vec<&str>) = lines.partition(|l| l.starts_with('!'));
    let keep: Vec<String> = keep.iter().map(|l| l[1..].trim().to_string()).collect();
    let lazy_paths: Vec<String> = lazy_paths.iter().map(|l| l.to_string()).collect();
    let plan = hotspot_users_wasm_split::Plan {
        lazy: &lazy_paths,
        keep: &keep,
        now,
    };
    let out = hotspot_users_wasm_split::split(&wasm, &plan)?;
    fs::write(primary, &out.primary)?;
    fs::write(lazy, &out.lazy)?;
    println!("wasm-split: {} functions on demand", out.moved.len());
    Ok(())
}
