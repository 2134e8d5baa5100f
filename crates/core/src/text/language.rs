//! Language identification for the three classes Litopys stores: Ukrainian,
//! Russian and everything else. Letters unique to each alphabet decide, with
//! a few very frequent function words as a tie-breaker for short texts.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Uk,
    Ru,
    Other,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Uk => "uk",
            Language::Ru => "ru",
            Language::Other => "other",
        }
    }

    /// Reads a language code as scrapers write it (`uk`, `ukr`, `uk-UA`, `ru_RU`, `Russian`…).
    pub fn from_code(code: &str) -> Option<Language> {
        let c = code.trim().to_ascii_lowercase();
        let primary = c.split(['-', '_']).next().unwrap_or("");
        match primary {
            "uk" | "ukr" | "ua" | "ukrainian" => Some(Language::Uk),
            "ru" | "rus" | "russian" => Some(Language::Ru),
            "" => None,
            _ => Some(Language::Other),
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Detects the language of `text` (looks at most at its first 20,000 characters).
pub fn detect(text: &str) -> Language {
    let mut letters = 0usize;
    let mut cyrillic = 0usize;
    let mut uk = 0usize; // і ї є ґ
    let mut ru = 0usize; // ы э ъ ё
    let mut other_slavic = 0usize; // ў (be), ђ ј љ њ ћ џ (sr, mk)
    for c in text.chars().take(20_000) {
        if !super::is_letter(c) {
            continue;
        }
        letters += 1;
        if !('\u{0400}'..='\u{04FF}').contains(&c) {
            continue;
        }
        cyrillic += 1;
        match c {
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => uk += 1,
            'ы' | 'э' | 'ё' | 'Ы' | 'Э' | 'Ё' => ru += 1,
            'ъ' | 'Ъ' => ru += 1,
            'ў' | 'Ў' | 'ђ' | 'ј' | 'љ' | 'њ' | 'ћ' | 'џ' | 'Ђ' | 'Ј' | 'Љ' | 'Њ' | 'Ћ' | 'Џ' => {
                other_slavic += 1
            }
            _ => {}
        }
    }
    if letters == 0 || cyrillic * 2 < letters {
        return Language::Other;
    }
    if other_slavic * 200 > cyrillic {
        return Language::Other;
    }
    // і/ї/є are ~7% of Ukrainian letters; ы/э/ъ/ё ~2.5% of Russian ones.
    let uk_rate = uk as f64 / 0.07;
    let ru_rate = ru as f64 / 0.025;
    if uk_rate == 0.0 && ru_rate == 0.0 {
        return by_function_words(text);
    }
    if uk_rate >= ru_rate {
        Language::Uk
    } else {
        Language::Ru
    }
}

fn by_function_words(text: &str) -> Language {
    let (mut uk, mut ru) = (0, 0);
    for w in text.split(|c: char| !c.is_alphabetic()).take(2_000) {
        match w.to_lowercase().as_str() {
            "та" | "що" | "як" | "це" | "він" | "вона" | "від" | "щодо" | "або" | "але" => {
                uk += 1
            }
            "что" | "как" | "это" | "он" | "она" | "от" | "или" | "но" | "и" | "с" | "не" => {
                ru += 1
            }
            _ => {}
        }
    }
    if uk > ru {
        Language::Uk
    } else if ru > uk {
        Language::Ru
    } else {
        Language::Other
    }
}
