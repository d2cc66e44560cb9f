//! How parts are named in messages: by the name people gave them, with the id only when it tells
//! something the name does not (an id AWS gave, such as `i-0abc12345def67890`).

/// Whether `id` is an id AWS gave: a lowercase prefix (`i`, `sg`, `subnet`, `vpc`, `eni`...), a
/// dash, then at least 8 hexadecimal digits (`sg-1a2b3c4d`). Ids the playground makes from names
/// (`web-1`, `web-1-sg`) are not.
///
/// ```
/// use vpc_playground::model::is_aws_id;
/// assert!(is_aws_id("i-0abc12345def67890"));
/// assert!(is_aws_id("sg-1a2b3c4d"));
/// assert!(!is_aws_id("web-1"));
/// assert!(!is_aws_id("sg-service"));
/// ```
pub fn is_aws_id(id: &str) -> bool {
    let Some((prefix, rest)) = id.split_once('-') else {
        return false;
    };
    !prefix.is_empty()
        && prefix.chars().all(|c| c.is_ascii_lowercase())
        && rest.len() >= 8
        && rest.chars().all(|c| c.is_ascii_hexdigit())
}

/// A part as messages name it: its name, then its id in brackets when the id is one AWS gave
/// (`web (i-0abc12345def67890)`); its id when it has no name. A part renamed in the playground
/// reads by its new name alone, whatever id it was given when it was made.
///
/// ```
/// use vpc_playground::model::part_label;
/// assert_eq!(part_label("app-1", "web-1"), "app-1");
/// assert_eq!(part_label("web", "i-0abc12345def67890"), "web (i-0abc12345def67890)");
/// assert_eq!(part_label("", "web-1"), "web-1");
/// ```
pub fn part_label(name: &str, id: &str) -> String {
    if name.is_empty() || name == id {
        id.to_string()
    } else if is_aws_id(id) {
        format!("{name} ({id})")
    } else {
        name.to_string()
    }
}
