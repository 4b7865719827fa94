//! The part of the console loaded when the admin first opens it.
//!
//! A release build splits the wasm in two (`wasm-split/`): the page loads
//! the table, staging, apply and sign-in; the dialogs and panels listed in
//! `src/ui/components/on-demand.txt` live in `hotspot-users_lazy.wasm`,
//! fetched the first time one of them is opened. [`open`] is how the
//! console opens one: at once when the part is in, else once it arrived,
//! or with a notice that says it could not be loaded (nothing else
//! changes; the admin may try again).
//!
//! Should code of that part run before it arrived (a path nobody foresaw),
//! the page's module calls [`hotspot_users_lazy_now`], which loads it
//! synchronously: slow once, never wrong. Debug and test builds are not
//! split: everything is in, always.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

use crate::i18n::T;
use crate::model::console::Msg;
use crate::model::notice::Notice;

#[wasm_bindgen(inline_js = r#"
// Next to the page's module: snippets/<crate>/inline<n>.js is two folders down.
const file = () => new URL("../../hotspot-users_lazy.wasm", import.meta.url);
let pending = null;

// `~lazy` is the page module's table of on-demand functions (split builds only).
const split = (primary) => primary["~lazy"] !== undefined;
const present = (primary) => !split(primary) || primary["~lazy"].get(0) !== null;
const install = (module, primary) => {
  if (!present(primary)) new WebAssembly.Instance(module, { primary });
};

export function part_present(primary) {
  return present(primary);
}

export function load_part(primary) {
  if (present(primary)) return Promise.resolve();
  if (!pending) {
    pending = fetch(file())
      .then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.arrayBuffer();
      })
      .then((bytes) => WebAssembly.compile(bytes))
      .then((module) => install(module, primary));
    pending.catch(() => { pending = null; });
  }
  return pending;
}

export function load_part_now(primary) {
  if (present(primary)) return;
  // A path that should have gone through open(): the e2e suite fails on this.
  console.warn("hotspot-users: the on-demand part was loaded synchronously: its code ran before it was opened", new Error().stack);
  const request = new XMLHttpRequest();
  request.open("GET", file(), false);
  request.overrideMimeType("text/plain; charset=x-user-defined");
  request.send();
  if (request.status !== 200) throw new Error(`hotspot-users: ${file()}: HTTP ${request.status}`);
  const text = request.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  install(new WebAssembly.Module(bytes), primary);
}
"#)]
extern "C" {
    fn part_present(primary: &JsValue) -> bool;
    fn load_part(primary: &JsValue) -> js_sys::Promise;
    fn load_part_now(primary: &JsValue);
}

/// Called by the page's module when on-demand code runs before its part is
/// in (split builds; `wasm-split` finds it by this name).
#[no_mangle]
pub extern "C" fn hotspot_users_lazy_now() {
    load_part_now(&wasm_bindgen::exports());
}

/// Runs `then` once the on-demand part is in: now, or after it arrived. If it
/// cannot be fetched, `report` gets a notice saying so and `then` never runs.
pub fn open(report: impl Fn(Msg) + 'static, then: impl FnOnce() + 'static) {
    let primary = wasm_bindgen::exports();
    if part_present(&primary) {
        return then();
    }
    let loading = load_part(&primary);
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(loading).await {
            Ok(_) => then(),
            Err(e) => {
                let why = e
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .or_else(|| e.as_string())
                    .unwrap_or_default();
                report(Msg::Notice(Notice::text(
                    T::PartNotLoaded,
                    &[("why", &why)],
                )));
            }
        }
    });
}

/// A handler that shows a part of the on-demand wasm: `show` runs once it is
/// in; `report` gets the notice if it cannot be loaded.
pub fn opening<E: 'static>(report: &Callback<Msg>, show: Callback<()>) -> Callback<E> {
    let report = report.clone();
    Callback::from(move |_: E| {
        let (report, show) = (report.clone(), show.clone());
        open(move |m| report.emit(m), move || show.emit(()));
    })
}

/// Runs `f(arg)`, a function of the on-demand part, once the part is in;
/// `report` gets the notice if it cannot be loaded. `f` is called through
/// its pointer: the page's code never calls it directly, so `wasm-split`
/// may move it (and what only it calls).
pub fn run<A: 'static>(report: &Callback<Msg>, f: fn(A), arg: A) {
    run_settled(report, || (), f, arg);
}

/// [`run`], with `settled` called once the wait for the part is over: just
/// before `f` runs, or before the notice that the part could not be loaded.
/// A caller that must not start `f` twice keeps itself busy until then.
pub fn run_settled<A: 'static>(
    report: &Callback<Msg>,
    settled: impl Fn() + 'static,
    f: fn(A),
    arg: A,
) {
    let (report, f) = (report.clone(), std::hint::black_box(f));
    let settled = std::rc::Rc::new(settled);
    let on_failure = settled.clone();
    open(
        move |m| {
            on_failure();
            report.emit(m)
        },
        move || {
            settled();
            f(arg)
        },
    );
}
