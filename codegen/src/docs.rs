//! Model documentation to rustdoc Markdown.
//!
//! Upstream AWS models write documentation in HTML; ours write Markdown. HTML is turned into
//! Markdown here, once, so that generated rustdoc reads like hand-written docs. Text is also
//! made safe for rustdoc: brackets outside links are escaped (no accidental intra-doc links)
//! and bare URLs are wrapped in `<...>`.

/// Markdown for a documentation string that may be HTML.
pub fn to_markdown(doc: &str) -> String {
    let markdown = if looks_like_html(doc) { html_to_markdown(doc) } else { doc.to_owned() };
    tidy(&markdown)
}

fn looks_like_html(doc: &str) -> bool {
    ["<p>", "<code>", "<a ", "<ul>", "<li>", "<b>", "<i>", "<note>", "<important>", "<br", "<p ", "</"]
        .iter()
        .any(|tag| doc.contains(tag))
}

/// Collapses runs of blank lines and trims, keeping paragraph breaks.
fn tidy(markdown: &str) -> String {
    let mut out = Vec::new();
    let mut blank = true;
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !blank {
                out.push(String::new());
            }
            blank = true;
        } else {
            out.push(line.to_owned());
            blank = false;
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.join("\n")
}

fn html_to_markdown(html: &str) -> String {
    let mut out = String::new();
    let mut links: Vec<Option<String>> = Vec::new();
    let mut lists: Vec<(bool, usize)> = Vec::new(); // (ordered, counter)
    let mut in_code = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            push_text(&mut out, rest, in_code > 0);
            break;
        };
        push_text(&mut out, &rest[..open], in_code > 0);
        let Some(close) = rest[open..].find('>') else {
            push_text(&mut out, &rest[open..], in_code > 0);
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            // Inside a list item a paragraph would break the item apart.
            ("p" | "div", _) if !lists.is_empty() => {}
            ("p" | "div", _) => out.push_str("\n\n"),
            ("br", _) => out.push('\n'),
            ("code", false) => {
                in_code += 1;
                out.push('`');
            }
            ("code", true) => {
                in_code = in_code.saturating_sub(1);
                out.push('`');
            }
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('*'),
            ("note" | "important", false) => out.push_str("\n\n**Note:** "),
            ("note" | "important", true) => out.push_str("\n\n"),
            ("ul", false) => lists.push((false, 0)),
            ("ol", false) => lists.push((true, 0)),
            ("ul" | "ol", true) => {
                lists.pop();
                out.push_str("\n\n");
            }
            ("li", false) => {
                let depth = lists.len().saturating_sub(1);
                let bullet = match lists.last_mut() {
                    Some((true, counter)) => {
                        *counter += 1;
                        format!("{counter}. ")
                    }
                    _ => "- ".to_owned(),
                };
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
                out.push_str(&bullet);
            }
            ("a", false) => {
                let href = attribute(tag, "href");
                if href.is_some() {
                    out.push('[');
                }
                links.push(href);
            }
            ("a", true) => {
                if let Some(Some(href)) = links.pop() {
                    out.push_str("](");
                    out.push_str(&href);
                    out.push(')');
                }
            }
            _ => {}
        }
    }
    // Inline text inside list items must not be broken by the paragraph logic above, and a
    // note's first paragraph stays on the line of its label.
    let mut out = out.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    while out.contains("**Note:**\n") || out.contains("**Note:** \n") {
        out = out.replace("**Note:**\n", "**Note:** ").replace("**Note:** \n", "**Note:** ");
    }
    out
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[start..].find('"')? + start;
    Some(decode_entities(&tag[start..end]))
}

fn push_text(out: &mut String, text: &str, code: bool) {
    let text = decode_entities(text);
    // HTML collapses whitespace; so does Markdown, but newlines would break lists and paragraphs.
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut collapsed = if text.starts_with(char::is_whitespace) && !collapsed.is_empty() {
        format!(" {collapsed}")
    } else {
        collapsed
    };
    if text.ends_with(char::is_whitespace) && !collapsed.trim().is_empty() {
        collapsed.push(' ');
    }
    if code {
        out.push_str(&collapsed.replace('`', "'"));
    } else {
        out.push_str(&escape_text(&collapsed));
    }
}

/// Escapes what rustdoc would misread in plain text.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(' ') {
        let bare = word.trim_end();
        if bare.starts_with("http://") || bare.starts_with("https://") {
            let url = bare.trim_end_matches(['.', ',', ')', ';']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            out.push_str(&word[url.len()..]);
            continue;
        }
        for c in word.chars() {
            match c {
                '[' | ']' | '*' | '_' | '<' | '>' | '`' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn html_becomes_markdown() {
        let html = "<p>Sends a <code>message</code>. See <a href=\"https://example.com/x\">the guide</a>.</p><ul><li><p>One [A]</p></li><li>Two</li></ul>";
        assert_eq!(
            to_markdown(html),
            "Sends a `message`. See [the guide](https://example.com/x).\n\n- One \\[A\\]\n- Two"
        );
    }

    #[test]
    fn markdown_is_kept() {
        assert_eq!(to_markdown("Sends a *message*.\n\n\n\nSecond."), "Sends a *message*.\n\nSecond.");
    }

    #[test]
    fn bare_urls_are_wrapped() {
        assert_eq!(to_markdown("<p>See https://example.com/a.</p>"), "See <https://example.com/a>.");
    }
}
