//! Splits a small module made here and runs both halves in Node's V8: the
//! page module's calls reach the moved code once the on-demand module is in,
//! sharing memory, a mutable global, the function table and a host import.

use std::path::PathBuf;
use std::process::Command;

use hotspot_users_wasm_split::{split, Plan, Split, IMPORT_MODULE, LAZY_TABLE};
use walrus::ir::{BinaryOp, LoadKind, MemArg, Value};
use walrus::{
    ConstExpr, DataKind, ElementItems, ElementKind, FunctionBuilder, FunctionId, FunctionKind,
    Module, RefType, ValType,
};

const I32: ValType = ValType::I32;

fn named(module: &mut Module, id: FunctionId, name: &str) -> FunctionId {
    module.funcs.get_mut(id).name = Some(name.to_string());
    id
}

/// `run(x) = compute(x) + twice(x)` with `compute(x) = host_add(x, mem[16]) + g`
/// and `g += 1` each time. The page reaches the on-demand functions through
/// the table, as Rust's trait objects and callbacks do (`compute` in slot 0;
/// `slot()` calls slot 1, `five`); `twice` is named for the on-demand part
/// but called directly by the page.
fn input() -> Vec<u8> {
    let mut m = Module::default();
    let memory = m.memories.add_local(false, false, 1, None, None);
    m.data.add(
        DataKind::Active {
            memory,
            offset: ConstExpr::Value(Value::I32(16)),
        },
        7i32.to_le_bytes().to_vec(),
    );
    let g = m
        .globals
        .add_local(I32, true, false, ConstExpr::Value(Value::I32(100)));
    let add_ty = m.types.add(&[I32, I32], &[I32]);
    let (host_add, _) = m.add_import_func("env", "host_add", add_ty);
    let unit = m.types.add(&[], &[]);
    let (load, _) = m.add_import_func("env", "load", unit);

    let mut b = FunctionBuilder::new(&mut m.types, &[], &[]);
    b.func_body().call(load);
    let now = b.finish(vec![], &mut m.funcs);
    named(&mut m, now, "demo::page::now");

    let x = m.locals.add(I32);
    let mut b = FunctionBuilder::new(&mut m.types, &[I32], &[I32]);
    b.func_body()
        .local_get(x)
        .i32_const(16)
        .load(
            memory,
            LoadKind::I32 { atomic: false },
            MemArg {
                align: 4,
                offset: 0,
            },
        )
        .call(host_add)
        .global_get(g)
        .binop(BinaryOp::I32Add)
        .global_get(g)
        .i32_const(1)
        .binop(BinaryOp::I32Add)
        .global_set(g);
    let compute = b.finish(vec![x], &mut m.funcs);
    named(&mut m, compute, "demo::lazy::compute");

    let x = m.locals.add(I32);
    let mut b = FunctionBuilder::new(&mut m.types, &[I32], &[I32]);
    b.func_body()
        .local_get(x)
        .i32_const(2)
        .binop(BinaryOp::I32Mul);
    let twice = b.finish(vec![x], &mut m.funcs);
    named(&mut m, twice, "demo::lazy::twice");

    let five_ty = m.types.add(&[], &[I32]);
    let add_one_ty = m.types.add(&[I32], &[I32]);
    let mut b = FunctionBuilder::new(&mut m.types, &[], &[I32]);
    b.func_body().i32_const(5);
    let five = b.finish(vec![], &mut m.funcs);
    named(&mut m, five, "demo::lazy::five");

    let table = m.tables.add_local(false, 2, Some(2), RefType::FUNCREF);
    let seg = m.elements.add(
        ElementKind::Active {
            table,
            offset: ConstExpr::Value(Value::I32(0)),
        },
        ElementItems::Functions(vec![compute, five]),
    );
    m.tables.get_mut(table).elem_segments.insert(seg);

    let x = m.locals.add(I32);
    let mut b = FunctionBuilder::new(&mut m.types, &[I32], &[I32]);
    b.func_body()
        .local_get(x)
        .i32_const(0)
        .call_indirect(add_one_ty, table)
        .local_get(x)
        .call(twice)
        .binop(BinaryOp::I32Add);
    let run = b.finish(vec![x], &mut m.funcs);
    named(&mut m, run, "demo::page::run");
    m.exports.add("run", run);

    let mut b = FunctionBuilder::new(&mut m.types, &[], &[I32]);
    b.func_body().i32_const(1).call_indirect(five_ty, table);
    let slot = b.finish(vec![], &mut m.funcs);
    named(&mut m, slot, "demo::page::slot");
    m.exports.add("slot", slot);
    m.exports.add("memory", memory);
    m.emit_wasm()
}

/// Splits [`input`] by `lazy` and `keep` paths, with `now` as the loader.
fn split_by(lazy: &[&str], keep: &[&str], now: &str) -> anyhow::Result<Split> {
    let owned = |paths: &[&str]| paths.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    let (lazy, keep) = (owned(lazy), owned(keep));
    split(
        &input(),
        &Plan {
            lazy: &lazy,
            keep: &keep,
            now,
        },
    )
}

fn demo_split() -> Split {
    split_by(&["demo::lazy::"], &[], "demo::page::now").unwrap()
}

#[test]
fn moves_the_named_functions_but_not_those_the_page_calls() {
    let out = demo_split();
    assert_eq!(out.moved, ["demo::lazy::compute", "demo::lazy::five"]);

    let lazy = Module::from_buffer(&out.lazy).unwrap();
    assert_eq!(
        lazy.data.iter().count(),
        0,
        "memory is the page's, already initialised"
    );
    assert!(lazy.exports.iter().next().is_none());
    assert!(lazy.start.is_none());
    assert!(lazy.imports.iter().all(|i| i.module == IMPORT_MODULE));
    let names: Vec<&str> = lazy.imports.iter().map(|i| i.name.as_str()).collect();
    assert!(
        names.contains(&LAZY_TABLE) && names.contains(&"~m0"),
        "{names:?}"
    );
    let segments: Vec<_> = lazy.elements.iter().collect();
    assert_eq!(segments.len(), 1);
    assert!(matches!(&segments[0].items, ElementItems::Functions(f) if f.len() == 2));

    let page = Module::from_buffer(&out.primary).unwrap();
    assert!(page.exports.iter().any(|e| e.name == LAZY_TABLE));
    // `twice` is called by `run`: still a function of the page, with its body.
    let locals = page
        .funcs
        .iter()
        .filter(|f| matches!(f.kind, FunctionKind::Local(_)))
        .count();
    assert_eq!(locals, 6, "now, run, slot, twice and two trampolines");
}

#[test]
fn refuses_a_loader_that_takes_arguments_or_is_missing() {
    let error = |keep: &[&str], now: &str| {
        split_by(&["demo::lazy::"], keep, now)
            .err()
            .unwrap()
            .to_string()
    };
    assert!(error(&[], "demo::page::nowhere").contains("no function named demo::page::nowhere"));
    assert!(error(&[], "demo::lazy::twice").contains("must take and return nothing"));
    assert!(error(&["demo::"], "demo::page::now").contains("no function's name contains"));
}

/// Both halves in V8 (Node): the first call loads the on-demand module
/// through `now`, later calls go straight to it.
#[test]
fn the_halves_run_together_in_v8() {
    let out = demo_split();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wasm-split-v8");
    std::fs::create_dir_all(&dir).unwrap();
    let (page, lazy) = (dir.join("page.wasm"), dir.join("lazy.wasm"));
    std::fs::write(&page, &out.primary).unwrap();
    std::fs::write(&lazy, &out.lazy).unwrap();
    let script = r#"
const fs = require("fs");
const [pagePath, lazyPath] = process.argv.slice(1);
let loads = 0, page;
const env = {
  host_add: (a, b) => a + b,
  load: () => { loads++; new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(lazyPath)), { primary: page.exports }); },
};
page = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(pagePath)), { env });
const slotBefore = page.exports.slot();
console.log(JSON.stringify([slotBefore, page.exports.run(1), page.exports.run(1), page.exports.slot(), loads]));
"#;
    let output = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&page)
        .arg(&lazy)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // slot(): 5, loading once; run(1) = (1 + 7) + 100 + 2, then g is 101.
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "[5,110,111,5,1]"
    );
}
