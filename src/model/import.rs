//! Import of pasted text or CSV files: an optional header; comma, tab or
//! semicolon; quotes; BOM; CRLF; blank lines; a bare user id per line.
//! Every line either yields a user or a problem: nothing is dropped silently.

use std::collections::HashMap;

use crate::i18n::{t, tf, Lang, T};

use crate::model::ids::{validate, Field, FieldError};
use crate::model::table::user_info;
use crate::model::UserInfo;

/// Why a line was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A field failed validation.
    Invalid(FieldError),
    /// More columns than user id and name.
    TooManyColumns {
        /// Columns found.
        found: usize,
    },
    /// A quote opened and never closed.
    UnclosedQuote,
    /// The same id as an earlier line, with another name.
    ConflictingDuplicate {
        /// The earlier line.
        first_line: usize,
        /// The name there.
        first_name: String,
    },
    /// The same id and name as an earlier line.
    Duplicate {
        /// The earlier line.
        first_line: usize,
    },
}

/// A problem on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub problem: Problem,
}

impl LineProblem {
    /// A message for a person.
    pub fn message(&self) -> String {
        self.message_in(Lang::En)
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let what = match &self.problem {
            Problem::Invalid(e) => e.message_in(lang),
            Problem::TooManyColumns { found } => tf(lang, T::TooManyColumns, &[("found", found)]),
            Problem::UnclosedQuote => t(lang, T::UnclosedQuote).to_string(),
            Problem::ConflictingDuplicate {
                first_line,
                first_name,
            } => tf(
                lang,
                T::ConflictingDuplicate,
                &[("first", first_line), ("name", first_name)],
            ),
            Problem::Duplicate { first_line } => tf(lang, T::Duplicate, &[("first", first_line)]),
        };
        tf(lang, T::LineN, &[("line", &self.line), ("problem", &what)])
    }
}

/// What an import produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Import {
    /// Valid users, first occurrence of each id, in input order.
    pub users: Vec<UserInfo>,
    /// Lines that yielded no user.
    pub problems: Vec<LineProblem>,
    /// Whether the first line was taken as a header.
    pub header: bool,
    /// Lines with a user name but no ID: resolved through the directory.
    pub names: Vec<NameLine>,
}

/// A line that names a user without an ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameLine {
    /// 1-based line number.
    pub line: usize,
    /// The user name, validated.
    pub name: String,
}

/// The characters that make a spreadsheet read a cell as a formula.
pub(crate) const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Picks the delimiter from the first lines: tab if any, else `;` when at
/// least as common as `,` (names hold commas more often than semicolons).
fn sniff_delimiter(text: &str) -> char {
    let sample: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let count = |c| sample.iter().map(|l| count_unquoted(l, c)).sum::<usize>();
    let (tabs, semis, commas) = (count('\t'), count(';'), count(','));
    if tabs > 0 {
        '\t'
    } else if semis > 0 && semis >= commas {
        ';'
    } else {
        ','
    }
}

/// How often `c` stands outside double quotes in `line`.
fn count_unquoted(line: &str, c: char) -> usize {
    let mut quoted = false;
    line.chars()
        .filter(|&x| {
            if x == '"' {
                quoted = !quoted;
            }
            x == c && !quoted
        })
        .count()
}

/// Splits one line into fields; quotes may wrap a field and `""` is a quote.
fn fields(line: &str, delim: char) -> Result<Vec<String>, Problem> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == delim {
            out.push(std::mem::take(&mut field));
            at_start = true;
            continue;
        } else if c == '"' && at_start && field.trim().is_empty() {
            field.clear();
            quoted = true;
        } else {
            field.push(c);
        }
        at_start = false;
    }
    if quoted {
        return Err(Problem::UnclosedQuote);
    }
    out.push(field);
    Ok(out)
}

/// Undoes the export's neutralisation: `'=x` back to `=x`, `''x` to `'x`.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// The columns of a header line: the ID's (absent in a names-only file)
/// and the name's.
fn is_header(cells: &[String]) -> Option<(Option<usize>, Option<usize>)> {
    let norm: Vec<String> = cells
        .iter()
        // ASCII is enough: the names it looks for are ASCII.
        .map(|c| c.trim().to_ascii_lowercase().replace([' ', '-'], "_"))
        .collect();
    let id = norm
        .iter()
        .position(|c| matches!(c.as_str(), "user_id" | "userid" | "id"));
    let name = norm
        .iter()
        .position(|c| matches!(c.as_str(), "user_name" | "username" | "name"));
    match (id, name) {
        (None, None) => None,
        cols => Some(cols),
    }
}

/// Parses pasted text or a CSV file.
pub fn parse(text: &str) -> Import {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut import = Import::default();
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    let delim = sniff_delimiter(text);
    let mut layout: Option<(Option<usize>, Option<usize>)> = None;
    let mut names_seen: HashMap<String, usize> = HashMap::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        let problem = |problem| LineProblem {
            line: line_no,
            problem,
        };
        let cells = match fields(line, delim) {
            Ok(c) => c,
            Err(p) => {
                import.problems.push(problem(p));
                continue;
            }
        };
        let (id_col, name_col) = match layout {
            Some(cols) => cols,
            None => {
                let header = is_header(&cells);
                let (id, name) = header.unwrap_or((Some(0), Some(1)));
                layout = Some((id, name));
                if header.is_some() {
                    import.header = true;
                    continue;
                }
                (id, name)
            }
        };
        let used = usize::from(id_col.is_some()) + usize::from(name_col.is_some());
        let non_empty_extra = cells
            .iter()
            .enumerate()
            .filter(|(c, v)| Some(*c) != id_col && Some(*c) != name_col && !v.trim().is_empty())
            .count();
        if !import.header && non_empty_extra > 0 {
            import.problems.push(problem(Problem::TooManyColumns {
                found: used.max(cells.len()),
            }));
            continue;
        }
        let cell = |c: Option<usize>| {
            c.and_then(|c| cells.get(c))
                .map_or("", |s| unneutralise(s.trim()))
        };
        let raw_name = cell(name_col);
        if cell(id_col).is_empty() && !raw_name.is_empty() {
            // A name without an ID: the directory resolves it (by exact name).
            match validate(Field::UserName, raw_name) {
                Ok(name) => match names_seen.get(&name) {
                    Some(first_line) => import.problems.push(problem(Problem::Duplicate {
                        first_line: *first_line,
                    })),
                    None => {
                        names_seen.insert(name.clone(), line_no);
                        import.names.push(NameLine {
                            line: line_no,
                            name,
                        });
                    }
                },
                Err(e) => import.problems.push(problem(Problem::Invalid(e))),
            }
            continue;
        }
        let id = match validate(Field::UserId, cell(id_col)) {
            Ok(id) => id,
            Err(e) => {
                import.problems.push(problem(Problem::Invalid(e)));
                continue;
            }
        };
        let name = if raw_name.is_empty() {
            String::new()
        } else {
            match validate(Field::UserName, raw_name) {
                Ok(n) => n,
                Err(e) => {
                    import.problems.push(problem(Problem::Invalid(e)));
                    continue;
                }
            }
        };
        match seen.get(&id) {
            Some((first_line, first_name)) if *first_name == name => {
                import.problems.push(problem(Problem::Duplicate {
                    first_line: *first_line,
                }));
            }
            Some((first_line, first_name)) => {
                import.problems.push(problem(Problem::ConflictingDuplicate {
                    first_line: *first_line,
                    first_name: first_name.clone(),
                }));
            }
            None => {
                import.users.push(user_info(&id, &name));
                seen.insert(id, (line_no, name));
            }
        }
    }
    import
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::Rule;

    fn ids(i: &Import) -> Vec<&str> {
        i.users.iter().map(|u| u.id()).collect()
    }

    #[test]
    fn bare_ids_one_per_line() {
        let i = parse("u1\nu2\n\n  u3  \n");
        assert_eq!(ids(&i), ["u1", "u2", "u3"]);
        assert_eq!(i.users[0].user_name, None);
        assert!(i.problems.is_empty());
        assert!(!i.header);
    }

    #[test]
    fn header_bom_crlf_and_quotes() {
        let i = parse(
            "\u{feff}user_id,user_name\r\nu1,\"Smith, John\"\r\n\"u2\",\"say \"\"hi\"\"\"\r\n",
        );
        assert!(i.header);
        assert_eq!(i.users[0], UserInfo::new("u1", "Smith, John"));
        assert_eq!(i.users[1], UserInfo::new("u2", "say \"hi\""));
    }

    #[test]
    fn header_columns_may_be_reordered() {
        let i = parse("Name;User ID\nalice;u1\n");
        assert_eq!(i.users, vec![UserInfo::new("u1", "alice")]);
    }

    #[test]
    fn tab_and_semicolon_delimiters() {
        assert_eq!(
            parse("u1\talice\n").users,
            vec![UserInfo::new("u1", "alice")]
        );
        assert_eq!(
            parse("u1;Doe, Jane\n").users,
            vec![UserInfo::new("u1", "Doe, Jane")]
        );
    }

    #[test]
    fn problems_name_their_lines() {
        let long = "x".repeat(200);
        let text = format!("u1,alice\n,\n{long},x\nu4,a,b\nu5,\"open\nu1,alicia\nu1,alice\nu6,ok");
        let i = parse(&text);
        assert_eq!(ids(&i), ["u1", "u6"]);
        let lines: Vec<_> = i.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7]);
        assert_eq!(
            i.problems[0].problem,
            Problem::Invalid(FieldError {
                field: Field::UserId,
                rule: Rule::Empty
            })
        );
        assert!(matches!(
            i.problems[1].problem,
            Problem::Invalid(FieldError {
                rule: Rule::TooLong { len: 200 },
                ..
            })
        ));
        assert_eq!(i.problems[2].problem, Problem::TooManyColumns { found: 3 });
        assert_eq!(i.problems[3].problem, Problem::UnclosedQuote);
        assert!(i.problems[4].message().contains("line 1 is kept"));
        assert_eq!(i.problems[5].problem, Problem::Duplicate { first_line: 1 });
        assert_eq!(i.problems[0].message(), "Line 2: User ID is empty.");
    }

    #[test]
    fn hostile_text_is_rejected_or_kept_as_text() {
        let i = parse("u1,<script>alert(1)</script>\nu2,a\u{202E}b\nu3\u{0}x,n\n");
        assert_eq!(
            i.users,
            vec![UserInfo::new("u1", "<script>alert(1)</script>")]
        );
        assert_eq!(i.problems.len(), 2);
    }

    #[test]
    fn delimiters_inside_quotes_do_not_decide_the_delimiter() {
        let i = parse("user_id,user_name\r\n\";\",\";\"\r\n");
        assert_eq!(i.users, vec![UserInfo::new(";", ";")]);
    }

    #[test]
    fn neutralised_cells_come_back() {
        assert_eq!(
            parse("u1,'=SUM(A1)").users,
            vec![UserInfo::new("u1", "=SUM(A1)")]
        );
        assert_eq!(
            parse("u1,'plain").users,
            vec![UserInfo::new("u1", "'plain")]
        );
    }

    #[test]
    fn names_without_ids_are_left_to_the_directory() {
        let i = parse("user_name\nalice.wang0\n王伟3\nalice.wang0\n\n");
        assert!(i.header);
        assert!(i.users.is_empty());
        let names: Vec<(usize, &str)> = i.names.iter().map(|n| (n.line, n.name.as_str())).collect();
        assert_eq!(names, [(2, "alice.wang0"), (3, "王伟3")]);
        assert_eq!(i.problems.len(), 1, "the repeated name is reported once");
        let mixed = parse("u1,alice\n,bob\n");
        assert_eq!(ids(&mixed), ["u1"]);
        assert_eq!(mixed.names[0].name, "bob");
        assert!(parse(",\u{202e}evil\n").problems.len() == 1);
    }
}
