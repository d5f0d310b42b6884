//! Localisation: the catalogues (`locales/*.ftl`) against each other and against the code, the
//! reports in each language against goldens, the C locale's plain ASCII over every sample capture,
//! and JSON that never changes with the language.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{assert_golden, sample_captures, smtpscope, smtpscope_in};
use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use smtpscope::l10n::Lang;
use smtpscope::output::labels;
use smtpscope::rules::catalogue;

/// The messages of a catalogue: id → the names of the variables its value uses.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let resource = FluentResource::try_new(lang.source().to_string())
        .unwrap_or_else(|(_, errors)| panic!("{}.ftl does not parse: {errors:?}", lang.code()));
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(value) = &m.value {
                    variables(value, &mut vars);
                }
                assert!(
                    m.attributes.is_empty(),
                    "{}.ftl {}: attributes are not used",
                    lang.code(),
                    m.id.name
                );
                let fresh = out.insert(m.id.name.to_string(), vars).is_none();
                assert!(fresh, "{}.ftl: {} twice", lang.code(), m.id.name);
            }
            ast::Entry::Term(t) => panic!("{}.ftl: term -{} is not used", lang.code(), t.id.name),
            ast::Entry::Junk { content } => panic!("{}.ftl: junk {content:?}", lang.code()),
            _ => {}
        }
    }
    out
}

/// The variables a pattern refers to, select expressions included.
fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    fn expression(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Inline(inline) => inline_expression(inline, out),
            ast::Expression::Select { selector, variants } => {
                inline_expression(selector, out);
                for v in variants {
                    variables(&v.value, out);
                }
            }
        }
    }
    fn inline_expression(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression: e } => expression(e, out),
            _ => {}
        }
    }
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression: e } = element {
            expression(e, out);
        }
    }
}

/// The ids whose English is in the code (labels, the rule catalogue and the reply codes' titles) that every other language
/// must translate, and the ones it may leave out (an empty English text has no message).
fn code_ids() -> (BTreeSet<String>, BTreeSet<String>) {
    let mut required: BTreeSet<String> = labels::ALL.iter().map(|l| l.id.to_string()).collect();
    let mut optional = BTreeSet::new();
    for info in catalogue() {
        required.insert(format!("rule-{}-title", info.id));
        for (part, en) in [("trigger", info.trigger), ("caveats", info.caveats)] {
            let id = format!("rule-{}-{part}", info.id);
            if en.is_empty() {
                optional.insert(id);
            } else {
                required.insert(id);
            }
        }
        for n in 1..=info.advice.len() {
            required.insert(format!("rule-{}-advice-{n}", info.id));
        }
    }
    for entry in smtpscope::codes::entries() {
        required.insert(entry.title_id());
        required.insert(entry.detail_id());
    }
    for ndr in smtpscope::codes::ndrs() {
        required.extend(ndr.text_ids());
    }
    (required, optional)
}

#[test]
fn every_message_exists_in_every_language_with_the_same_placeables() {
    let en = messages(Lang::En);
    let (required, optional) = code_ids();
    for id in en.keys() {
        assert!(
            !required.contains(id) && !optional.contains(id),
            "en.ftl: {id} is English in the code already"
        );
    }
    for lang in [Lang::Ja, Lang::Pl, Lang::Tr] {
        let theirs = messages(lang);
        let code = lang.code();
        for (id, vars) in &en {
            let Some(their_vars) = theirs.get(id) else {
                panic!("{code}.ftl lacks {id}");
            };
            assert_eq!(their_vars, vars, "{code}.ftl {id}: placeables differ from en.ftl");
        }
        for id in &required {
            assert!(theirs.contains_key(id), "{code}.ftl lacks {id}");
        }
        for (id, vars) in &theirs {
            assert!(
                en.contains_key(id) || required.contains(id) || optional.contains(id),
                "{code}.ftl: stray id {id}"
            );
            if !en.contains_key(id) {
                assert!(vars.is_empty(), "{code}.ftl {id}: its English has no placeable");
            }
        }
    }
}

#[test]
fn every_catalogue_message_renders_without_error_in_every_language() {
    for lang in Lang::ALL {
        for id in messages(lang).keys() {
            let text = smtpscope::l10n::message(lang, id);
            assert!(
                !text.is_empty() && !text.contains('\u{2068}'),
                "{}: {id}",
                lang.code()
            );
        }
    }
}

/// Every message formats in every language with its placeables given (as numbers that take each
/// plural branch, and as a string): a select expression that the parser accepted but that cannot
/// be formatted, or a placeable the message does not get, is an error here — not a raw id or an
/// English fallback in a report.
#[test]
fn every_message_formats_with_its_arguments_in_every_language() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentValue};
    for lang in Lang::ALL {
        let messages = messages(lang);
        let resource = FluentResource::try_new(lang.source().to_string())
            .unwrap_or_else(|(_, errors)| panic!("{}.ftl does not parse: {errors:?}", lang.code()));
        let locale: unic_langid::LanguageIdentifier = lang.code().parse().expect("a language tag");
        let mut bundle = FluentBundle::new(vec![locale]);
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).expect("no message twice");
        for (id, vars) in messages {
            let pattern = bundle
                .get_message(&id)
                .and_then(|m| m.value())
                .unwrap_or_else(|| panic!("{}: {id} has no value", lang.code()));
            let values = [
                FluentValue::from(1),
                FluentValue::from(3),
                FluentValue::from(5),
                FluentValue::from(22),
                FluentValue::from("x"),
            ];
            for value in values {
                let mut args = FluentArgs::new();
                for var in &vars {
                    args.set(var.clone(), value.clone());
                }
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(
                    errors.is_empty(),
                    "{}: {id} with {value:?}: {errors:?}",
                    lang.code()
                );
                assert!(!text.trim().is_empty(), "{}: {id} formats empty", lang.code());
            }
        }
    }
}

/// One capture per language, its text report against a golden.
const LANGUAGE_GOLDENS: &[(&str, &str)] = &[
    ("ja", "captures/synthetic/xexch50-refused.pcap"),
    ("pl", "captures/lab/middlebox-asa-sender.pcap"),
    ("tr", "captures/lab/postfix-exchange-anonymous.pcap"),
];

#[test]
fn text_reports_in_each_language_match_their_goldens() {
    for (lang, capture) in LANGUAGE_GOLDENS {
        let run = smtpscope(&["--lang", lang, "analyze", capture]);
        assert!(run.code <= 1, "{lang} {capture}: {}", run.stderr);
        assert_golden(&format!("lang/{lang}.txt"), &run.stdout);
        // The locale gives the same report as --lang.
        let locale = format!("{lang}_{}.UTF-8", lang.to_uppercase());
        let by_locale = smtpscope_in(
            &[("LANG", "C.UTF-8"), ("LC_MESSAGES", &locale)],
            &["analyze", capture],
        );
        assert_eq!(
            by_locale.stdout, run.stdout,
            "{lang}: LC_MESSAGES={locale} and --lang differ"
        );
    }
}

/// `diff` in each language: the differences' details and the dropped verbs' labels, on a pair
/// rewritten by an ASA and on a pair with loss at and between the capture points.
#[test]
fn diff_reports_in_each_language_match_their_goldens() {
    let pairs = [
        (
            "captures/synthetic/diff-asa-sender.pcapng",
            "captures/synthetic/diff-asa-receiver.pcap",
        ),
        (
            "captures/synthetic/diff-loss-sender.pcap",
            "captures/synthetic/diff-loss-receiver.pcap",
        ),
    ];
    for lang in ["ja", "pl", "tr"] {
        let mut out = String::new();
        for (sender, receiver) in pairs {
            let run = smtpscope(&["--lang", lang, "diff", "--color", "never", sender, receiver]);
            assert_eq!(run.code, 0, "{lang} {sender}: {}", run.stderr);
            out.push_str(&run.stdout);
        }
        assert_golden(&format!("lang/{lang}.diff.txt"), &out);
    }
}

/// The `--verbose` TLS lines (the ClientHello's offer) in each language.
#[test]
fn verbose_tls_lines_in_each_language_match_their_goldens() {
    for lang in ["ja", "pl", "tr"] {
        let run = smtpscope(&[
            "--lang",
            lang,
            "analyze",
            "-v",
            "--color",
            "never",
            "captures/lab/tls-implicit.pcap",
        ]);
        assert!(run.code <= 1, "{lang}: {}", run.stderr);
        let tls: Vec<&str> = run
            .stdout
            .lines()
            .filter(|l| l.starts_with("  offer") || l.starts_with("  cert"))
            .collect();
        assert!(!tls.is_empty(), "{lang}: no TLS lines");
        assert_golden(&format!("lang/{lang}.tls-verbose.txt"), &(tls.join("\n") + "\n"));
    }
}

#[test]
fn explain_in_each_language_matches_its_golden() {
    for lang in ["ja", "pl", "tr"] {
        let run = smtpscope(&["--lang", lang, "explain", "550 5.7.1"]);
        assert_eq!(run.code, 0, "{lang}: {}", run.stderr);
        assert_golden(&format!("lang/{lang}.explain.txt"), &run.stdout);
    }
}

#[test]
fn rules_and_explain_speak_the_language() {
    let ja = smtpscope(&["--lang", "ja", "rules", "auth-required"]);
    assert!(
        ja.stdout.contains("サーバーは認証を要求しています"),
        "{}",
        ja.stdout
    );
    let pl = smtpscope(&["rules", "--lang", "pl"]);
    assert!(pl.stdout.contains("Szczegóły jednego wyniku"), "{}", pl.stdout);
    let tr = smtpscope_in(&[("LC_ALL", "tr_TR.UTF-8")], &["explain", "5.7.1"]);
    assert!(tr.stdout.contains("Doğurduğu bulgular:"), "{}", tr.stdout);
    // C, POSIX and languages without a catalogue are English.
    for locale in ["C.UTF-8", "de_DE.UTF-8", "POSIX"] {
        let run = smtpscope_in(&[("LC_ALL", locale)], &["rules", "auth-required"]);
        assert!(run.stdout.contains("What to check"), "{locale}: {}", run.stdout);
    }
}

#[test]
fn json_never_changes_with_the_language() {
    for capture in [
        "captures/synthetic/xexch50-refused.pcap",
        "captures/lab/middlebox-asa-sender.pcap",
    ] {
        let en = smtpscope(&["analyze", "--format", "json", capture]);
        for lang in ["ja", "pl", "tr"] {
            let other = smtpscope(&["analyze", "--format", "json", "--lang", lang, capture]);
            assert_eq!(
                common::normalize(&other.stdout),
                common::normalize(&en.stdout),
                "{lang} {capture}"
            );
        }
    }
}

#[test]
fn html_labels_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.html");
    let out = path.to_str().unwrap();
    let run = smtpscope(&[
        "--lang",
        "ja",
        "analyze",
        "captures/synthetic/xexch50-refused.pcap",
        "--format",
        "html",
        "--output",
        out,
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(
        html.contains("<html lang=\"ja\""),
        "the document names its language"
    );
    let doc = scraper::Html::parse_document(&html);
    let selector = scraper::Selector::parse("h1, h2, h3, th, button, dt, summary").unwrap();
    let mut words: Vec<String> = doc
        .select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    words.dedup();
    assert_golden("lang/ja.html.labels", &(words.join("\n") + "\n"));
}

#[test]
fn the_c_locale_gives_plain_ascii_text_for_every_sample_capture() {
    let captures = sample_captures();
    assert!(captures.len() > 20, "the sample captures are found");
    for capture in &captures {
        let mut args = vec!["analyze", "--verbose", capture.as_str()];
        let extra = common::extra_args(capture);
        args.extend(extra.iter().copied());
        let keys = common::tls_key_args(capture);
        args.extend(keys.iter().map(String::as_str));
        let run = smtpscope_in(&[("LC_ALL", "C")], &args);
        assert!(run.code <= 2, "{capture}: {}", run.stderr);
        if let Some(bad) = run.stdout.chars().find(|c| !c.is_ascii()) {
            panic!("{capture}: {bad:?} under LC_ALL=C");
        }
    }
    for args in [
        &["rules"][..],
        &["rules", "smtp-smuggling"],
        &["explain", "5.7.1"],
    ] {
        let run = smtpscope_in(&[("LC_ALL", "POSIX")], args);
        assert!(run.stdout.is_ascii(), "{args:?}");
    }
    // The same report with a UTF-8 locale keeps its glyphs.
    let utf8 = smtpscope_in(&[("LC_ALL", "C.UTF-8")], &["rules", "smtp-smuggling"]);
    assert!(!utf8.stdout.is_ascii());
}
