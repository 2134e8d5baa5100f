//! Invented outlets of the story benchmark and the site text each wraps
//! around its articles: a photo credit, its own subscription prompt, a "read
//! also" link and a sidebar of other headlines with times. The sidebar of a
//! "heavy" outlet is long and the same on every page, so two unrelated short
//! articles of that outlet share most of their words: the trap a whole-text
//! similarity falls into.

use super::super::corpus::Rng;

pub struct Outlet {
    pub name: String,
    pub lang: &'static str,
    /// UTC offset its dates are written in, in minutes.
    pub offset_min: i64,
    pub heavy: bool,
    prompt: String,
    sidebar: Vec<String>,
}

const UK_PROMPTS: [&str; 6] = [
    "Підписуйтесь на наш Telegram-канал, щоб першими дізнаватися головні новини.",
    "Підписуйтесь на нас у Telegram та Viber: тільки перевірені новини.",
    "Стежте за новинами у нашому Telegram-каналі та на сторінці у Facebook.",
    "Хочете отримувати найважливіше щоранку? Підпишіться на нашу розсилку.",
    "Якщо ви помітили помилку, виділіть її мишкою та натисніть Ctrl+Enter.",
    "Підтримайте незалежну журналістику: станьте нашим патроном.",
];

const RU_PROMPTS: [&str; 5] = [
    "Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать главные новости.",
    "Подписывайтесь на нас в Telegram и VK: только проверенные новости.",
    "Следите за новостями в нашем Telegram-канале и в Дзене.",
    "Если вы заметили ошибку, выделите её мышью и нажмите Ctrl+Enter.",
    "Поддержите независимую журналистику: станьте нашим подписчиком.",
];

/// `uk_outlets` Ukrainian outlets then `ru_outlets` Russian ones, named
/// `outlet-1.example`…; every seventh is heavy. Sidebar headlines are cut from
/// `uk_lines` / `ru_lines` (sentences of documents no story uses).
pub fn make(
    rng: &mut Rng,
    uk_outlets: usize,
    ru_outlets: usize,
    uk_lines: &[String],
    ru_lines: &[String],
) -> Vec<Outlet> {
    let mut out = Vec::new();
    for i in 0..uk_outlets + ru_outlets {
        let (lang, prompts, lines): (_, &[&str], _) = if i < uk_outlets {
            ("uk", &UK_PROMPTS, uk_lines)
        } else {
            ("ru", &RU_PROMPTS, ru_lines)
        };
        let heavy = i % 7 == 3;
        let n = if heavy { 18 } else { 6 + rng.below(5) };
        let sidebar = (0..n).map(|_| headline(rng, lines)).collect();
        // Heavy outlets also stack two prompts, as aggressive sites do.
        let mut prompt = prompts[rng.below(prompts.len())].to_owned();
        if heavy {
            prompt.push('\n');
            prompt.push_str(prompts[(rng.below(prompts.len()) + 1) % prompts.len()]);
        }
        out.push(Outlet {
            name: format!("outlet-{}.example", i + 1),
            lang,
            offset_min: [0, 120, 180][rng.below(3)],
            heavy,
            prompt,
            sidebar,
        });
    }
    out
}

/// A headline-like cut of a random line: its first 6–11 words.
pub fn headline(rng: &mut Rng, lines: &[String]) -> String {
    if lines.is_empty() {
        return "Новини".to_owned();
    }
    let line = &lines[rng.below(lines.len())];
    let words: Vec<&str> = line.split_whitespace().take(6 + rng.below(6)).collect();
    words
        .join(" ")
        .trim_end_matches([',', ':', ';', '.'])
        .to_owned()
}

impl Outlet {
    /// The page text: site lines around `body`. `read_also` is another headline
    /// of this outlet; `day` picks which part of the sidebar shows (a heavy
    /// outlet shows all of it, every day).
    pub fn dress(&self, rng: &mut Rng, body: &str, read_also: &str, day: i64) -> String {
        let uk = self.lang == "uk";
        let mut t = String::with_capacity(body.len() + 1200);
        if rng.below(2) == 0 {
            let by = ["Reuters", "AP", "УНІАН", &self.name][rng.below(4)];
            t.push_str(&format!("Фото: {by}\n\n"));
        }
        t.push_str(body);
        t.push_str("\n\n");
        t.push_str(&self.prompt);
        t.push_str("\n\n");
        t.push_str(if uk {
            "Читайте також: "
        } else {
            "Читайте также: "
        });
        t.push_str(read_also);
        t.push_str("\n\n");
        t.push_str(if uk {
            "Головне за добу"
        } else {
            "Главное за сутки"
        });
        let n = self.sidebar.len();
        let (start, shown) = if self.heavy {
            (0, n)
        } else {
            (day.rem_euclid(n as i64) as usize, 5)
        };
        for k in 0..shown {
            let h = &self.sidebar[(start + k) % n];
            let minute = (k * 37 + 11) % 60;
            t.push_str(&format!("\n{:02}:{minute:02} {h}", 23 - k % 24));
        }
        t
    }
}
