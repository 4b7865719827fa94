//! Native figures of the shared model: planning a 1000-user change and
//! importing a 5000-line paste. Run with `cargo bench --bench model`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use hotspot_users::model::import::parse;
use hotspot_users::model::{plan, Action, Table, UserInfo};

fn users(prefix: &str, n: usize) -> Vec<UserInfo> {
    (0..n)
        .map(|i| UserInfo::new(format!("{prefix}{i:032x}"), format!("user name {i}")))
        .collect()
}

/// Median, min and max of `runs` timings of `f`.
fn measure(runs: usize, mut f: impl FnMut()) -> (Duration, Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[0], times[runs - 1])
}

fn row(what: &str, (median, min, max): (Duration, Duration, Duration)) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    if std::env::var_os("BENCH_TSV").is_some() {
        println!(
            "BENCH\t{what}\t{:.3}\t{:.3}\t{:.3}",
            ms(median),
            ms(min),
            ms(max)
        );
        return;
    }
    println!(
        "| {what:<52} | {:>9.3} | {:>9.3} | {:>9.3} |",
        ms(median),
        ms(min),
        ms(max)
    );
}

fn main() {
    let old = users("a", 1000);
    let new = users("b", 1000);
    let ids: Vec<String> = old.iter().map(|u| u.id().to_string()).collect();
    let paste: String = (0..5000)
        .map(|i| format!("u{i:08},\"Name {i}, Dept {}\"\n", i % 17))
        .collect();

    println!("| native model figure (ms)                             |    median |       min |       max |");
    println!("|------------------------------------------------------|-----------|-----------|-----------|");
    row(
        "stage 1000 deletions + 1000 additions, then plan",
        measure(21, || {
            let mut t = Table::default();
            t.apply(Action::Loaded(old.clone()));
            t.apply(Action::Delete(ids.clone()));
            t.apply(Action::Add(new.clone()));
            let p = plan(&t, 1000).expect("plan");
            assert_eq!(p.requests.len(), 2);
            black_box(p);
        }),
    );
    let mut staged = Table::default();
    staged.apply(Action::Loaded(old.clone()));
    staged.apply(Action::Delete(ids.clone()));
    staged.apply(Action::Add(new.clone()));
    row(
        "plan an already staged 1000+1000 change",
        measure(21, || {
            black_box(plan(&staged, 1000).expect("plan"));
        }),
    );
    row(
        "import a 5000-line paste (quoted names, header-less)",
        measure(21, || {
            let i = parse(black_box(&paste));
            assert_eq!(i.users.len(), 5000);
            black_box(i);
        }),
    );
}
