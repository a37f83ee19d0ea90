//! What an import tells the user: every event it could not carry exactly,
//! by name, line and property, with what to do about it.

/// How much a notice matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// For information: nothing about when meetings happen changed.
    Note,
    /// Imported, but some meetings differ from the original as said.
    Warning,
    /// The event was not imported at all.
    Refused,
}

/// One message about one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub level: Level,
    /// The line in the imported file.
    pub line: usize,
    /// The event's SUMMARY (or "untitled event").
    pub event: String,
    pub uid: String,
    /// The property concerned (RRULE, EXDATE…).
    pub property: String,
    pub message: String,
    /// What the user can do.
    pub hint: String,
}

/// Notices about one event, collected while it is converted.
#[derive(Debug, Default)]
pub struct Notes {
    pub event: String,
    pub uid: String,
    pub list: Vec<Notice>,
}

impl Notes {
    /// Notes about the event called `event`.
    pub fn new(event: &str, uid: &str) -> Notes {
        Notes {
            event: event.to_string(),
            uid: uid.to_string(),
            list: Vec::new(),
        }
    }

    /// Adds a notice.
    pub fn add(
        &mut self,
        level: Level,
        line: usize,
        property: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.list.push(Notice {
            level,
            line,
            event: self.event.clone(),
            uid: self.uid.clone(),
            property: property.to_string(),
            message: message.into(),
            hint: hint.into(),
        });
    }

    /// Whether the event was refused.
    pub fn refused(&self) -> bool {
        self.list.iter().any(|n| n.level == Level::Refused)
    }
}

impl Notice {
    /// `warning: FILE:LINE: event "T" (UID u): PROPERTY: message` and the
    /// hint on the next line.
    pub fn render(&self, file: &str) -> String {
        let (label, what) = match self.level {
            Level::Note => ("note", ""),
            Level::Warning => ("warning", ""),
            Level::Refused => ("warning", "not imported: "),
        };
        let uid = if self.uid.is_empty() {
            String::new()
        } else {
            format!(" (UID {})", self.uid)
        };
        let mut out = format!(
            "{label}: {file}:{}: event \"{}\"{uid}: {what}{}: {}\n",
            self.line, self.event, self.property, self.message
        );
        if !self.hint.is_empty() {
            out.push_str(&format!("  = {}\n", self.hint));
        }
        out
    }
}
