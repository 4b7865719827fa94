//! Splits the console's release wasm in two: the module the page loads, and
//! one the console loads when the admin first opens a part of it that is
//! rarely needed at start (a dialog, a panel).
//!
//! Both modules come from the same input, so they agree on every address in
//! memory and every slot of the function table. What the on-demand module
//! holds is chosen by function name: every function whose demangled name
//! contains one of the given paths (a component's module, say).
//!
//! - **The page's module** keeps each chosen function's signature, and its
//!   body becomes a call through a new table (`~lazy`). Until the on-demand
//!   module is in, that table is empty and the call first runs the `now`
//!   function (the console's synchronous loader), so a call nobody foresaw
//!   is slow once, never wrong. Code only the chosen functions used goes.
//! - **The on-demand module** holds the chosen functions' bodies and what
//!   they call. It imports the page module's memory, globals, tables and
//!   host functions (exported for it as `~m`, `~g<n>`, `~t<n>`, `~f<n>`)
//!   and, when instantiated, writes its functions into `~lazy`. It has no
//!   data segments (memory is already initialised), no start and no exports.
//!
//! Both outputs still want `wasm-opt`: this only moves code.

use anyhow::{bail, Context, Result};
use std::collections::{BTreeSet, HashMap};
use walrus::ir::Value;
use walrus::{
    ConstExpr, ElementItems, ElementKind, ExportItem, FunctionBuilder, FunctionId, FunctionKind,
    GlobalKind, ImportKind, Module, RefType,
};

/// Which functions go to the on-demand module.
pub struct Plan<'a> {
    /// A function goes when its demangled name contains one of these...
    pub lazy: &'a [String],
    /// ...and none of these (types the page's own code holds, say).
    pub keep: &'a [String],
    /// The function the page module calls when a moved function is called
    /// before the on-demand module is in (found by name; never moved).
    pub now: &'a str,
}

/// The two modules, and what was moved.
pub struct Split {
    pub primary: Vec<u8>,
    pub lazy: Vec<u8>,
    /// The moved functions' demangled names, sorted.
    pub moved: Vec<String>,
}

/// The name a module's import of the page module's items goes by.
pub const IMPORT_MODULE: &str = "primary";
/// The table the on-demand module fills.
pub const LAZY_TABLE: &str = "~lazy";

/// A function's name as Rust writes paths: demangled, without the crates'
/// disambiguators (`yew[ceea17ce…]::html` reads `yew::html`).
fn demangled(module: &Module, id: FunctionId) -> Option<String> {
    let name = module.funcs.get(id).name.as_deref()?;
    Some(without_disambiguators(&format!(
        "{:#}",
        rustc_demangle::demangle(name)
    )))
}

fn without_disambiguators(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        match after[1..].find(']') {
            Some(close) if close > 0 && after[1..=close].bytes().all(|b| b.is_ascii_hexdigit()) => {
                rest = &after[close + 2..];
            }
            _ => {
                out.push('[');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The local functions `plan` moves, in table-slot order.
fn chosen(module: &Module, plan: &Plan) -> Result<(Vec<FunctionId>, FunctionId)> {
    let now = module
        .funcs
        .iter()
        .map(|f| f.id())
        .find(|&id| demangled(module, id).as_deref() == Some(plan.now))
        .with_context(|| format!("no function named {} in the input", plan.now))?;
    let ty = module.types.get(module.funcs.get(now).ty());
    if !ty.params().is_empty() || !ty.results().is_empty() {
        bail!("{} must take and return nothing", plan.now);
    }
    let keep = called_from(module, now);
    let mut moved = Vec::new();
    for (id, _) in module.funcs.iter_local() {
        let Some(name) = demangled(module, id) else {
            continue;
        };
        if keep.contains(&id) || Some(id) == module.start {
            continue;
        }
        let has = |paths: &[String]| paths.iter().any(|p| name.contains(p.as_str()));
        if has(plan.lazy) && !has(plan.keep) {
            moved.push(id);
        }
    }
    // A function the page's code calls directly stays with the page (LLVM
    // merges identical functions under one name, a dialog's among them), and
    // so, in turn, do the functions it calls.
    let calls: Vec<(FunctionId, Vec<FunctionId>)> = module
        .funcs
        .iter_local()
        .map(|(id, local)| (id, direct_calls(local)))
        .collect();
    loop {
        let lazy: BTreeSet<FunctionId> = moved.iter().copied().collect();
        let called: BTreeSet<FunctionId> = calls
            .iter()
            .filter(|(id, _)| !lazy.contains(id))
            .flat_map(|(_, callees)| callees.iter().copied())
            .collect();
        let before = moved.len();
        moved.retain(|id| !called.contains(id));
        if moved.len() == before {
            break;
        }
    }
    if moved.is_empty() {
        bail!("no function's name contains any of {:?}", plan.lazy);
    }
    Ok((moved, now))
}

/// The functions `func` calls directly.
fn direct_calls(func: &walrus::LocalFunction) -> Vec<FunctionId> {
    use walrus::ir::{Call, ReturnCall, Visitor};
    struct Calls(Vec<FunctionId>);
    impl<'i> Visitor<'i> for Calls {
        fn visit_call(&mut self, call: &Call) {
            self.0.push(call.func);
        }
        fn visit_return_call(&mut self, call: &ReturnCall) {
            self.0.push(call.func);
        }
    }
    let mut calls = Calls(Vec::new());
    walrus::ir::dfs_in_order(&mut calls, func, func.entry_block());
    calls.0
}

/// `root` and every function it reaches by direct calls: the loader's own
/// path must stay in the page module.
fn called_from(module: &Module, root: FunctionId) -> BTreeSet<FunctionId> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let FunctionKind::Local(local) = &module.funcs.get(id).kind {
            stack.extend(direct_calls(local));
        }
    }
    seen
}

/// Splits `wasm` by `plan`.
pub fn split(wasm: &[u8], plan: &Plan) -> Result<Split> {
    let mut lazy = Module::from_buffer(wasm)?;
    let (moved, now) = chosen(&lazy, plan)?;
    let mut names: Vec<String> = moved
        .iter()
        .filter_map(|&id| demangled(&lazy, id))
        .collect();
    names.sort();
    // Chosen once: both modules are parsed from the same bytes, so a
    // function's position among the functions is the same in both.
    let position: HashMap<FunctionId, usize> = lazy
        .funcs
        .iter()
        .enumerate()
        .map(|(n, f)| (f.id(), n))
        .collect();
    let moved_at: Vec<usize> = moved.iter().map(|id| position[id]).collect();
    let now_at = position[&now];
    let needs = make_lazy(&mut lazy, &moved)?;
    let lazy_bytes = lazy.emit_wasm();

    let mut primary = Module::from_buffer(wasm)?;
    let ids: Vec<FunctionId> = primary.funcs.iter().map(|f| f.id()).collect();
    let moved: Vec<FunctionId> = moved_at.iter().map(|&n| ids[n]).collect();
    make_primary(&mut primary, &moved, ids[now_at], &needs)?;
    Ok(Split {
        primary: primary.emit_wasm(),
        lazy: lazy_bytes,
        moved: names,
    })
}

/// What the on-demand module imports from the page module, by position in
/// the input: host functions, globals and tables.
#[derive(Default)]
struct Needs {
    funcs: BTreeSet<usize>,
    globals: BTreeSet<usize>,
    tables: BTreeSet<usize>,
}

fn make_lazy(module: &mut Module, moved: &[FunctionId]) -> Result<Needs> {
    if module
        .data
        .iter()
        .any(|d| !matches!(d.kind, walrus::DataKind::Active { .. }))
    {
        bail!("the input has passive data segments; the on-demand module cannot share them");
    }
    // Host functions, numbered before any import is added: through the page
    // module, which re-exports them.
    let funcs: Vec<_> = module
        .imports
        .iter()
        .map(|i| (i.id(), i.kind.clone()))
        .collect();
    for (n, (id, kind)) in funcs.into_iter().enumerate() {
        if let ImportKind::Function(_) = kind {
            let import = module.imports.get_mut(id);
            import.module = IMPORT_MODULE.to_string();
            import.name = format!("~f{n}");
        }
    }
    // Memory: the page module's, already initialised.
    let data: Vec<_> = module.data.iter().map(|d| d.id()).collect();
    for id in data {
        module.data.delete(id);
    }
    let memories: Vec<_> = module.memories.iter().map(|m| m.id()).collect();
    if memories.len() != 1 {
        bail!("expected one memory, found {}", memories.len());
    }
    for (n, id) in memories.into_iter().enumerate() {
        if module.memories.get(id).import.is_some() {
            bail!("the input imports its memory");
        }
        let import = module
            .imports
            .add(IMPORT_MODULE, &format!("~m{n}"), ImportKind::Memory(id));
        let memory = module.memories.get_mut(id);
        memory.import = Some(import);
        memory.data_segments.clear();
    }
    // Globals and tables: the page module's.
    let globals: Vec<_> = module.globals.iter().map(|g| g.id()).collect();
    for (n, id) in globals.into_iter().enumerate() {
        if let GlobalKind::Local(_) = module.globals.get(id).kind {
            let import =
                module
                    .imports
                    .add(IMPORT_MODULE, &format!("~g{n}"), ImportKind::Global(id));
            module.globals.get_mut(id).kind = GlobalKind::Import(import);
        }
    }
    let elements: Vec<_> = module.elements.iter().map(|e| e.id()).collect();
    for id in elements {
        if let ElementKind::Active { .. } | ElementKind::Passive = module.elements.get(id).kind {
            module.elements.delete(id);
        }
    }
    let tables: Vec<_> = module.tables.iter().map(|t| t.id()).collect();
    for (n, id) in tables.into_iter().enumerate() {
        if module.tables.get(id).import.is_none() {
            let import =
                module
                    .imports
                    .add(IMPORT_MODULE, &format!("~t{n}"), ImportKind::Table(id));
            let table = module.tables.get_mut(id);
            table.import = Some(import);
            table.elem_segments.clear();
            table.init = None;
        }
    }
    // What it holds: the moved functions, written into the page module's
    // `~lazy` table in slot order.
    let count = moved.len() as u64;
    let table = module
        .tables
        .add_local(false, count, Some(count), RefType::FUNCREF);
    let import = module
        .imports
        .add(IMPORT_MODULE, LAZY_TABLE, ImportKind::Table(table));
    module.tables.get_mut(table).import = Some(import);
    let segment = module.elements.add(
        ElementKind::Active {
            table,
            offset: ConstExpr::Value(Value::I32(0)),
        },
        ElementItems::Functions(moved.to_vec()),
    );
    module.tables.get_mut(table).elem_segments.insert(segment);
    let exports: Vec<_> = module.exports.iter().map(|e| e.id()).collect();
    for id in exports {
        module.exports.delete(id);
    }
    module.start = None;
    let customs: Vec<_> = module.customs.iter().map(|(id, _)| id).collect();
    for id in customs {
        module.customs.delete(id);
    }
    walrus::passes::gc::run(module);

    let mut needs = Needs::default();
    for import in module.imports.iter() {
        if import.module != IMPORT_MODULE {
            bail!(
                "the on-demand module still imports {}.{}",
                import.module,
                import.name
            );
        }
        let index = |prefix: &str| {
            import
                .name
                .strip_prefix(prefix)
                .and_then(|n| n.parse::<usize>().ok())
        };
        match import.kind {
            ImportKind::Function(_) => needs.funcs.extend(index("~f")),
            ImportKind::Global(_) => needs.globals.extend(index("~g")),
            ImportKind::Table(_) if import.name != LAZY_TABLE => needs.tables.extend(index("~t")),
            _ => {}
        }
    }
    Ok(needs)
}

fn make_primary(
    module: &mut Module,
    moved: &[FunctionId],
    now: FunctionId,
    needs: &Needs,
) -> Result<()> {
    let count = moved.len() as u64;
    let table = module
        .tables
        .add_local(false, count, Some(count), RefType::FUNCREF);
    module.exports.add(LAZY_TABLE, ExportItem::Table(table));
    for (slot, &id) in moved.iter().enumerate() {
        let slot = i32::try_from(slot)?;
        let ty = module.funcs.get(id).ty();
        let (params, results) = {
            let ty = module.types.get(ty);
            (ty.params().to_vec(), ty.results().to_vec())
        };
        let args: Vec<_> = params.iter().map(|&p| module.locals.add(p)).collect();
        let mut builder = FunctionBuilder::new(&mut module.types, &params, &results);
        let mut body = builder.func_body();
        body.i32_const(slot).table_get(table).ref_is_null().if_else(
            None,
            |then| {
                then.call(now);
            },
            |_| {},
        );
        for &arg in &args {
            body.local_get(arg);
        }
        body.i32_const(slot).call_indirect(ty, table);
        let func = builder.local_func(args);
        module.funcs.get_mut(id).kind = FunctionKind::Local(func);
    }
    // What the on-demand module imports.
    let memory = module.get_memory_id()?;
    module.exports.add("~m0", ExportItem::Memory(memory));
    let globals: Vec<_> = module.globals.iter().map(|g| g.id()).collect();
    for n in &needs.globals {
        module
            .exports
            .add(&format!("~g{n}"), ExportItem::Global(globals[*n]));
    }
    let tables: Vec<_> = module.tables.iter().map(|t| t.id()).collect();
    for n in &needs.tables {
        module
            .exports
            .add(&format!("~t{n}"), ExportItem::Table(tables[*n]));
    }
    let imports: Vec<_> = module.imports.iter().map(|i| i.kind.clone()).collect();
    let by_import: HashMap<usize, FunctionId> = imports
        .iter()
        .enumerate()
        .filter_map(|(n, k)| match k {
            ImportKind::Function(f) => Some((n, *f)),
            _ => None,
        })
        .collect();
    for n in &needs.funcs {
        let f = by_import
            .get(n)
            .with_context(|| format!("import {n} of the input is not a function"))?;
        module
            .exports
            .add(&format!("~f{n}"), ExportItem::Function(*f));
    }
    walrus::passes::gc::run(module);
    Ok(())
}
