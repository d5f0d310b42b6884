use super::*;

fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_string())
    }
}

#[test]
fn posix_precedence_decides_the_language() {
    let lang = |vars: &[(&str, &str)]| Locale::resolve(None, env(vars)).lang;
    assert_eq!(lang(&[]), Lang::En);
    assert_eq!(lang(&[("LANG", "ja_JP.UTF-8")]), Lang::Ja);
    assert_eq!(
        lang(&[("LANG", "ja_JP.UTF-8"), ("LC_MESSAGES", "pl_PL.UTF-8")]),
        Lang::Pl
    );
    assert_eq!(
        lang(&[
            ("LANG", "ja_JP"),
            ("LC_MESSAGES", "pl_PL"),
            ("LC_ALL", "tr_TR.UTF-8")
        ]),
        Lang::Tr
    );
    // An empty variable does not count; C, POSIX and unknown languages are English.
    assert_eq!(lang(&[("LC_ALL", ""), ("LANG", "tr_TR")]), Lang::Tr);
    assert_eq!(lang(&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")]), Lang::En);
    assert_eq!(lang(&[("LANG", "POSIX")]), Lang::En);
    assert_eq!(lang(&[("LANG", "de_DE.UTF-8")]), Lang::En);
    assert_eq!(lang(&[("LANG", "pl")]), Lang::Pl);
    assert_eq!(lang(&[("LANG", "tr_TR@euro")]), Lang::Tr);
}

#[test]
fn lang_option_wins_and_ascii_only_in_the_plain_c_locale() {
    let c = [("LC_ALL", "C")];
    assert_eq!(
        Locale::resolve(None, env(&c)),
        Locale {
            lang: Lang::En,
            ascii: true
        }
    );
    assert_eq!(
        Locale::resolve(Some(Lang::Ja), env(&c)),
        Locale {
            lang: Lang::Ja,
            ascii: false
        }
    );
    assert!(Locale::resolve(None, env(&[("LC_CTYPE", "POSIX")])).ascii);
    assert!(!Locale::resolve(None, env(&[("LANG", "C.UTF-8")])).ascii);
    assert!(!Locale::resolve(None, env(&[])).ascii);
    // LC_MESSAGES does not decide the character set.
    assert!(!Locale::resolve(None, env(&[("LC_MESSAGES", "C"), ("LANG", "en_US.UTF-8")])).ascii);
}

#[test]
fn texts_render_per_language_and_serialise_in_english() {
    let text = crate::msg!("advice-explained-by", id = "exps-failed", summary = "x");
    assert_eq!(text.en(), "Likely caused by `exps-failed` in this session: x");
    assert!(text.render(Lang::Ja).contains("原因"));
    assert_eq!(
        serde_json::to_string(&text).unwrap(),
        serde_json::to_string(&text.en()).unwrap()
    );
    let label = Text::source("html-findings", "Findings");
    assert_eq!(label.render(Lang::En), "Findings");
    assert_eq!(label.render(Lang::Pl), "Wyniki");
    // An id the catalogue lacks falls back to the English source.
    assert_eq!(
        Text::source("no-such-id", "Fallback").render(Lang::Tr),
        "Fallback"
    );
    assert_eq!(message(Lang::Ja, "no-such-id"), "no-such-id");
}
