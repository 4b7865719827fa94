//! Export of users to CSV that the import reads back, with cells that a
//! spreadsheet would run as formulas neutralised by a leading `'`.

use crate::model::import::FORMULA_START;
use crate::model::UserInfo;

fn cell(value: &str) -> String {
    // A leading `'` is doubled so that the import's un-neutralising is exact.
    let value = if value.starts_with(FORMULA_START) || value.starts_with('\'') {
        format!("'{value}")
    } else {
        value.to_string()
    };
    let needs_quotes = value.contains([',', '"', '\n', '\r', ';', '\t'])
        || value.starts_with(' ')
        || value.ends_with(' ')
        || value.starts_with('\'');
    if needs_quotes {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// `user_id,user_name` CSV with CRLF line ends, as spreadsheets expect.
pub fn to_csv(users: &[UserInfo]) -> String {
    let mut out = String::from("user_id,user_name\r\n");
    for u in users {
        out.push_str(&cell(u.id()));
        out.push(',');
        out.push_str(&cell(u.name()));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::import::parse;

    #[test]
    fn formulas_are_neutralised() {
        let csv = to_csv(&[
            UserInfo::new("u1", "=HYPERLINK(\"http://x\")"),
            UserInfo::new("u2", "+1"),
            UserInfo::new("u3", "-2"),
            UserInfo::new("u4", "@SUM(A1)"),
        ]);
        let lines: Vec<_> = csv.lines().collect();
        assert_eq!(lines[1], "u1,\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(lines[2], "u2,\"'+1\"");
        assert_eq!(lines[4], "u4,\"'@SUM(A1)\"");
        for line in &lines[1..] {
            let name = line.split_once(',').unwrap().1.trim_start_matches('"');
            assert!(!name.starts_with(['=', '+', '-', '@']), "{line}");
        }
    }

    #[test]
    fn round_trips_through_the_import() {
        let users = vec![
            UserInfo::new("u1", "Smith, John"),
            UserInfo::new("u2", "say \"hi\""),
            UserInfo::new("=u3", "-minus"),
            UserInfo::new("u4", "'quoted"),
            UserInfo::new("u5", "王伟; 李娜"),
        ];
        let back = parse(&to_csv(&users));
        assert!(back.problems.is_empty(), "{:?}", back.problems);
        assert_eq!(back.users, users);
    }
}
