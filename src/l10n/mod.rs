//! Localisation: the language of the report, the message catalogues and the text they render.
//!
//! Owns the choice of language ([`Lang`], from `--lang` or the POSIX locale variables), whether the
//! terminal can take more than ASCII ([`Locale::ascii`]), the Project Fluent catalogues
//! (`locales/*.ftl`, embedded in the binary) and [`Text`]: a sentence kept as a message id with its
//! arguments until it is shown, so rules produce structured data and printers render it in the
//! language of the run. JSON never goes through a catalogue: [`Text`] serialises in English.
//!
//! The language is process-wide, like the C library's locale: `main` calls [`set`] once, before any
//! output; unit tests and library users that never call it get English.
//! Must not: decide what a finding says (that is `rules`) or lay anything out (that is `output`).

mod ascii;

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Serialize, Serializer};

pub use ascii::AsciiWriter;

/// A language of the reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the source language; JSON is always English).
    #[default]
    En,
    /// Japanese.
    Ja,
    /// Polish.
    Pl,
    /// Turkish.
    Tr,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Ja, Lang::Pl, Lang::Tr];

    /// The language's code (`en`, `ja`, `pl`, `tr`), as `--lang` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
            Lang::Pl => "pl",
            Lang::Tr => "tr",
        }
    }

    /// The language of a code (`ja`), case-insensitive.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// The catalogue source of the language.
    pub fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../locales/en.ftl"),
            Lang::Ja => include_str!("../../locales/ja.ftl"),
            Lang::Pl => include_str!("../../locales/pl.ftl"),
            Lang::Tr => include_str!("../../locales/tr.ftl"),
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Ja => 1,
            Lang::Pl => 2,
            Lang::Tr => 3,
        }
    }
}

/// The language of a run and what its terminal can show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Locale {
    /// The language of the text and HTML reports, `rules` and `explain`.
    pub lang: Lang,
    /// Whether the text output must be plain ASCII (the `C`/`POSIX` locale with no `--lang`): the
    /// box-drawing and arrow glyphs become `|`, `->`, `-`, and so on.
    pub ascii: bool,
}

impl Locale {
    /// The locale of a run: `--lang` when given, else the POSIX locale variables read by `var`
    /// (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set and not empty decides).
    /// `C`, `POSIX` and languages without a catalogue give English. Text output is ASCII when no
    /// `--lang` is given and the character set (`LC_ALL`, then `LC_CTYPE`, then `LANG`) is the
    /// plain `C` or `POSIX` locale; an unset locale keeps UTF-8.
    pub fn resolve(lang: Option<Lang>, var: impl Fn(&str) -> Option<String>) -> Locale {
        let first = |names: &[&str]| names.iter().find_map(|n| var(n).filter(|v| !v.is_empty()));
        let messages = first(&["LC_ALL", "LC_MESSAGES", "LANG"]);
        let ctype = first(&["LC_ALL", "LC_CTYPE", "LANG"]);
        let env_lang = messages.as_deref().map_or(Lang::En, lang_of_locale);
        let plain = ctype.as_deref().is_some_and(|v| matches!(v, "C" | "POSIX"));
        Locale {
            lang: lang.unwrap_or(env_lang),
            ascii: lang.is_none() && plain,
        }
    }

    /// The locale from `--lang` and the process environment.
    pub fn from_env(lang: Option<Lang>) -> Locale {
        Locale::resolve(lang, |name| std::env::var(name).ok())
    }
}

/// The language of a POSIX locale name (`ja_JP.UTF-8`, `pl_PL`, `tr_TR.UTF-8@euro`, `C`).
fn lang_of_locale(name: &str) -> Lang {
    let language = name.split(['_', '.', '@', '-']).next().unwrap_or_default();
    Lang::from_code(language).unwrap_or(Lang::En)
}

static CURRENT: OnceLock<Locale> = OnceLock::new();

/// Sets the run's locale (once, before any output; later calls are ignored).
pub fn set(locale: Locale) {
    let _ = CURRENT.set(locale);
}

/// The run's locale (English and UTF-8 until [`set`]).
pub fn current() -> Locale {
    CURRENT.get().copied().unwrap_or_default()
}

/// The run's language.
pub fn lang() -> Lang {
    current().lang
}

type Bundle = FluentBundle<FluentResource>;

/// `lang`'s catalogue, parsed on first use: a run parses only the catalogues it uses (its
/// language's and English, the fallback), not all four (half a megabyte, most of the start-up).
fn catalogue(lang: Lang) -> Option<&'static Bundle> {
    static BUNDLES: [OnceLock<Bundle>; 4] = [const { OnceLock::new() }; 4];
    Some(BUNDLES.get(lang.index())?.get_or_init(|| bundle(lang)))
}

/// One language's catalogue. A syntax error is a bug caught by the catalogue tests; the entries
/// that did parse are still used.
fn bundle(lang: Lang) -> Bundle {
    let resource = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(partial, _)| partial);
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around placeables: the reports are read in terminals and files.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// Message `id` of `lang`'s catalogue with `args`, or `None` when the catalogue lacks it.
fn format(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let bundle = catalogue(lang)?;
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// Message `id` in `lang`, falling back to English, then to the id itself.
pub fn message(lang: Lang, id: &str) -> String {
    format(lang, id, None)
        .or_else(|| format(Lang::En, id, None))
        .unwrap_or_else(|| id.to_string())
}

/// A sentence for people, rendered in the run's language when shown ([`fmt::Display`]) and in
/// English when serialised (JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    /// Shown as is in every language: a line from the wire, a name, a number.
    Raw(String),
    /// English source text kept in the code (the rule catalogue), translated by `id`.
    Source {
        /// The message id of the translations.
        id: Cow<'static, str>,
        /// The English text.
        en: &'static str,
    },
    /// A catalogue message with its arguments.
    Msg {
        /// The message id.
        id: &'static str,
        /// Named arguments (the placeables of the message).
        args: Vec<(&'static str, Arg)>,
    },
    /// A title quoted inside a sentence: English in lower case (`delivery not authorized, message
    /// refused`), other languages with their first letter in lower case.
    Lower(Box<Text>),
    /// Sentences rendered one by one and joined by a separator (`; `): a list of reasons.
    Join {
        /// The parts, in order.
        parts: Vec<Text>,
        /// What goes between two parts, the same in every language.
        sep: &'static str,
    },
}

/// An argument of a [`Text::Msg`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Text shown as is.
    Str(String),
    /// A number (plural forms select on it).
    Num(i64),
    /// A sentence rendered in the same language first.
    Text(Box<Text>),
    /// A frame reference (`capture::set`): its number, or `FILE#N` in a capture of several files,
    /// named by the files of the records being written ([`crate::capture::set::with_names`]).
    Frame(u64),
}

/// `text` with its first letter in lower case, as `lang` writes it (Turkish `I` → `ı`).
fn lower_first(text: &str, lang: Lang) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let lower: String = match (lang, first) {
        (Lang::Tr, 'I') => "ı".into(),
        (Lang::Tr, 'İ') => "i".into(),
        _ => first.to_lowercase().collect(),
    };
    lower + chars.as_str()
}

/// A frame reference as a message argument ([`Arg::Frame`]).
pub fn frame(frame: u64) -> Arg {
    Arg::Frame(frame)
}

/// `String`, `&String` and `&str` into `$variant` of `$type`.
macro_rules! from_strings {
    ($type:ty, $variant:path) => {
        impl From<String> for $type {
            fn from(s: String) -> Self {
                $variant(s)
            }
        }

        impl From<&String> for $type {
            fn from(s: &String) -> Self {
                $variant(s.clone())
            }
        }

        impl From<&str> for $type {
            fn from(s: &str) -> Self {
                $variant(s.to_string())
            }
        }
    };
}

from_strings!(Arg, Arg::Str);
from_strings!(Text, Text::Raw);

impl From<Text> for Arg {
    fn from(t: Text) -> Self {
        Arg::Text(Box::new(t))
    }
}

impl From<&Text> for Arg {
    fn from(t: &Text) -> Self {
        Arg::Text(Box::new(t.clone()))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

/// A catalogue message with named arguments: `msg!("summary-auth-required", verb = v, reply = r)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::l10n::Text::Msg {
            id: $id,
            args: vec![$((stringify!($name), $crate::l10n::Arg::from($value))),*],
        }
    };
}

impl Text {
    /// English source text translated by `id`.
    pub fn source(id: impl Into<Cow<'static, str>>, en: &'static str) -> Text {
        Text::Source { id: id.into(), en }
    }

    /// `parts` joined by `sep` when shown (a single part is itself).
    pub fn join(mut parts: Vec<Text>, sep: &'static str) -> Text {
        match parts.len() {
            1 => parts.remove(0),
            _ => Text::Join { parts, sep },
        }
    }

    /// The text in `lang` (an id missing from `lang`'s catalogue falls back to English).
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Raw(s) => s.clone(),
            Text::Source { id, en } => match lang {
                Lang::En => (*en).to_string(),
                _ => format(lang, id, None).unwrap_or_else(|| (*en).to_string()),
            },
            Text::Msg { id, args } => {
                let mut fluent = FluentArgs::new();
                for (name, arg) in args {
                    let value = match arg {
                        Arg::Str(s) => FluentValue::from(s.clone()),
                        Arg::Num(n) => FluentValue::from(*n),
                        Arg::Text(t) => FluentValue::from(t.render(lang)),
                        Arg::Frame(n) => FluentValue::from(crate::capture::set::frame_label(*n)),
                    };
                    fluent.set(*name, value);
                }
                format(lang, id, Some(&fluent))
                    .or_else(|| format(Lang::En, id, Some(&fluent)))
                    .unwrap_or_else(|| (*id).to_string())
            }
            Text::Lower(inner) => {
                let text = inner.render(lang);
                match lang {
                    Lang::En => text.to_ascii_lowercase(),
                    _ => lower_first(&text, lang),
                }
            }
            Text::Join { parts, sep } => {
                let rendered: Vec<String> = parts.iter().map(|p| p.render(lang)).collect();
                rendered.join(sep)
            }
        }
    }

    /// The text in English.
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }
}

impl fmt::Display for Text {
    /// The text in the run's language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Text::Raw(s) => f.write_str(s),
            _ => f.write_str(&self.render(lang())),
        }
    }
}

impl Serialize for Text {
    /// English, whatever the run's language: JSON is a contract.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::Raw(s) => serializer.serialize_str(s),
            _ => serializer.serialize_str(&self.en()),
        }
    }
}

#[cfg(test)]
mod tests;
