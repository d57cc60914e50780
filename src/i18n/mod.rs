//! The message catalogue: English, German and Arabic, with plural forms,
//! `{placeholder}` substitution and host overrides of any message.
//!
//! English is built in. Other languages are JSON files (`i18n/*.json` in
//! the repository, shipped beside the app), fetched only by a page that
//! speaks them: every language added costs the others nothing.

mod en;
mod load;
mod strings;

pub use load::load_catalogue;
pub use strings::parse_strings;

/// A language the page speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
    Ar,
}

impl Lang {
    fn from_primary(tag: &str) -> Option<Self> {
        match tag.split('-').next()?.to_ascii_lowercase().as_str() {
            "en" => Some(Self::En),
            "de" => Some(Self::De),
            "ar" => Some(Self::Ar),
            _ => None,
        }
    }

    /// The first of `tags` the page speaks, and that tag (for `Intl`, so
    /// dates speak the same language as the text). English otherwise.
    pub fn pick(tags: &[String]) -> (Self, String) {
        tags.iter().find_map(|t| Self::from_primary(t).map(|l| (l, t.clone()))).unwrap_or((Self::En, "en".to_owned()))
    }

    pub fn is_rtl(self) -> bool {
        self == Self::Ar
    }

    /// The file of this language's catalogue; English is built in.
    pub fn catalogue(self) -> Option<&'static str> {
        match self {
            Self::En => None,
            Self::De => Some("de.json"),
            Self::Ar => Some("ar.json"),
        }
    }

    /// CLDR cardinal plural category of a whole number.
    pub fn plural(self, n: u64) -> &'static str {
        match self {
            Self::En | Self::De => {
                if n == 1 {
                    "one"
                } else {
                    "other"
                }
            }
            Self::Ar => match (n, n % 100) {
                (0, _) => "zero",
                (1, _) => "one",
                (2, _) => "two",
                (_, 3..=10) => "few",
                (_, 11..=99) => "many",
                _ => "other",
            },
        }
    }
}

/// The catalogue for the components below (provided by the page);
/// English when none was provided.
pub fn use_i18n() -> leptos::prelude::StoredValue<I18n> {
    use leptos::prelude::*;
    use_context::<StoredValue<I18n>>().unwrap_or_else(|| StoredValue::new(I18n::default()))
}

/// Messages in one language, with the host's overrides on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct I18n {
    pub lang: Lang,
    /// The BCP 47 tag for `Intl`.
    pub tag: String,
    overrides: Vec<(String, String)>,
    /// The language's messages, once loaded (empty for English).
    catalogue: Vec<(String, String)>,
}

impl Default for I18n {
    fn default() -> Self {
        Self::new(&[], Vec::new())
    }
}

impl I18n {
    pub fn new(tags: &[String], overrides: Vec<(String, String)>) -> Self {
        let (lang, tag) = Lang::pick(tags);
        Self { lang, tag, overrides, catalogue: Vec::new() }
    }

    /// Whether the language's catalogue still has to be loaded.
    pub fn needs_catalogue(&self) -> bool {
        self.lang.catalogue().is_some() && self.catalogue.is_empty()
    }

    pub fn set_catalogue(&mut self, catalogue: Vec<(String, String)>) {
        self.catalogue = catalogue;
    }

    /// When the catalogue cannot be loaded: English throughout, dates
    /// included, rather than a page that says one language and is another.
    pub fn fall_back_to_english(&mut self) {
        *self = Self { overrides: std::mem::take(&mut self.overrides), ..Self::default() };
    }

    fn lookup(&self, key: &str) -> Option<String> {
        let find = |table: &[(String, String)]| table.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        find(&self.overrides)
            .or_else(|| find(&self.catalogue))
            .or_else(|| en::MESSAGES.iter().find(|(k, _)| *k == key).map(|(_, v)| (*v).to_owned()))
    }

    /// The message `key`; the key itself if no catalogue has it.
    pub fn t(&self, key: &str) -> String {
        self.lookup(key).unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with `{name}` placeholders filled in.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }

    /// The plural form of `key` for `n` (`key.one`, `key.few`, …, falling
    /// back to `key.other`), with `{n}` and `args` filled in.
    pub fn p(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let category = self.lang.plural(n);
        let text = self
            .lookup(&format!("{key}.{category}"))
            .or_else(|| self.lookup(&format!("{key}.other")))
            .unwrap_or_else(|| key.to_owned());
        let n = n.to_string();
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill(text, &all)
    }
}

fn fill(mut text: String, args: &[(&str, &str)]) -> String {
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The shipped catalogue of `lang`, as the page would load it (for tests).
#[cfg(test)]
pub(crate) fn shipped(lang: Lang) -> Vec<(String, String)> {
    let json = match lang {
        Lang::De => include_str!("../../i18n/de.json"),
        Lang::Ar => include_str!("../../i18n/ar.json"),
        Lang::En => "{}",
    };
    parse_strings(json)
}

/// A catalogue for `tags` with its language loaded, as the page has it
/// once ready (for tests).
#[cfg(test)]
pub(crate) fn loaded(tags: &[&str], overrides: Vec<(String, String)>) -> I18n {
    let mut i18n = I18n::new(&tags.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>(), overrides);
    i18n.set_catalogue(shipped(i18n.lang));
    i18n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut v: Vec<&str> = s.split('{').skip(1).filter_map(|p| p.split('}').next()).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn every_language_is_complete_with_the_same_placeholders() {
        for lang in [Lang::De, Lang::Ar] {
            let table = shipped(lang);
            assert!(!table.is_empty(), "{lang:?} catalogue parses");
            for (key, text) in en::MESSAGES {
                let base = key.split('.').next().unwrap_or(key);
                let translated = table
                    .iter()
                    .find(|(k, _)| k == key || (key.ends_with(".other") && k.starts_with(&format!("{base}."))))
                    .unwrap_or_else(|| panic!("{lang:?} lacks {key}"));
                if !key.contains('.') {
                    assert_eq!(placeholders(text), placeholders(&translated.1), "{lang:?} {key}");
                }
            }
            for (key, _) in &table {
                let base = key.split('.').next().unwrap_or(key);
                assert!(
                    en::MESSAGES.iter().any(|(k, _)| k.split('.').next() == Some(base)),
                    "{lang:?} has stray {key}"
                );
            }
        }
    }

    #[test]
    fn english_catalogue_has_no_duplicate_keys() {
        let mut keys: Vec<&str> = en::MESSAGES.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }

    #[test]
    fn picks_a_language_and_its_tag() {
        let tags = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(Lang::pick(&tags(&["fr-FR", "de-CH", "en"])), (Lang::De, "de-CH".into()));
        assert_eq!(Lang::pick(&tags(&["ar-EG"])), (Lang::Ar, "ar-EG".into()));
        assert_eq!(Lang::pick(&tags(&["ja"])), (Lang::En, "en".into()));
        assert!(Lang::Ar.is_rtl() && !Lang::De.is_rtl());
    }

    #[test]
    fn plural_rules() {
        assert_eq!(Lang::En.plural(1), "one");
        assert_eq!(Lang::En.plural(0), "other");
        let ar: Vec<&str> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103].iter().map(|n| Lang::Ar.plural(*n)).collect();
        assert_eq!(ar, ["zero", "one", "two", "few", "few", "many", "many", "other", "other", "few"]);
    }

    #[test]
    fn plurals_placeholders_and_overrides() {
        let en = I18n::default();
        assert_eq!(en.p("sign_out_others", 1, &[]), "Sign out the other session");
        assert_eq!(en.p("sign_out_others", 4, &[]), "Sign out all 4 other sessions");
        assert_eq!(en.f("revoked_one", &[("device", "curl")]), "Signed out curl.");
        let ar = loaded(&["ar"], Vec::new());
        assert_eq!(ar.p("sign_out_others", 2, &[]), "تسجيل الخروج من الجلستين الأخريين");
        assert_eq!(
            ar.p("sign_out_others", 12, &[]),
            "تسجيل الخروج من كل الجلسات الأخرى (12)",
            "many falls back to other"
        );
        let mut custom = I18n::new(&["de".into()], vec![("title".into(), "Aktive Geräte".into())]);
        assert!(custom.needs_catalogue());
        custom.set_catalogue(shipped(Lang::De));
        assert!(!custom.needs_catalogue());
        assert_eq!(custom.t("title"), "Aktive Geräte");
        assert_eq!(custom.t("cancel"), "Abbrechen");
        assert_eq!(custom.t("no_such_key"), "no_such_key");
        custom.fall_back_to_english();
        assert_eq!((custom.lang, custom.tag.as_str()), (Lang::En, "en"));
        assert_eq!(custom.t("title"), "Aktive Geräte", "the host's overrides survive");
        assert_eq!(custom.t("cancel"), "Cancel");
        assert!(!custom.needs_catalogue());
    }
}
