//! Minifies the console's stylesheet for the wasm: comments and layout
//! whitespace go; `static/console.css` stays the readable source.

use std::{env, fs, path::Path};

/// Drops `/* … */` comments and whitespace that means nothing: runs become
/// one space, none is kept next to `{`, `}`, `;`, `,` or after `:` (a space
/// before `:` is kept: in a selector it is a descendant combinator), and a
/// rule's last `;` goes. Quoted strings are copied as they are.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    // Whitespace seen since the last character written, and whether that
    // character makes it meaningless.
    let (mut space, mut after_punct) = (false, true);
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '{' | '}' | ';' | ',' | ':' => {
                if c == ':' && space && !after_punct {
                    out.push(' ');
                }
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                (space, after_punct) = (false, true);
            }
            _ => {
                if space && !after_punct {
                    out.push(' ');
                }
                out.push(c);
                (space, after_punct) = (false, false);
                if c == '"' || c == '\'' {
                    while let Some(d) = chars.next() {
                        out.push(d);
                        if d == '\\' {
                            out.extend(chars.next());
                        } else if d == c {
                            break;
                        }
                    }
                }
            }
        }
    }
    out
}

fn main() {
    let source = "static/console.css";
    println!("cargo:rerun-if-changed={source}");
    let css = fs::read_to_string(source).expect("static/console.css");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("console.min.css");
    fs::write(out, minify(&css)).expect("write the minified stylesheet");
}
