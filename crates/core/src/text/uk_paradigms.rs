//! Ukrainian paradigms whose forms the rules read as two words, found on
//! running press text (`litopys-bench forms`, the corpus-prior gold): extra
//! classes beside the rules' stem, like the alternations, so nothing found
//! before is lost.
//!
//! - The genitive plural -ій of the nouns in -ія (`подій`, `реакцій`,
//!   `надій`): the rules read it as an adjective's ending (`под+`, `над+`);
//!   also the class of the other cases (`поді`).
//! - The past -ів of the -іти verbs (`сидів`, `летів`): read as a noun's
//!   genitive plural; also the class of `сиділа`, `сидіти` (`сиді`).
//! - The plural -ати, -ити, -ути, -іти of the nouns in -ат, -ит, -ут, -іт(а)
//!   (`депутати`, `кредити`, `інститути`, `звіти`, `освіти`): read as an
//!   infinitive (`депута`, `осві`); also the noun's class (`депутат`, `освіт`).
//! - A gerund: the class of the finite form it is made from (`цінуючи`:
//!   `цінують`, `зітхнувши`: `зітхнув`).
//! - The present of -давати, -ставати, -знавати drops -ва- (`видає`,
//!   `визнається`, `встають`): also the infinitive's class (`видава`).
//! - The present of the -іяти verbs drops я (`діють`, `сміється`, `мріють`):
//!   also the infinitive's class (`дія`, `сміяся`).
//! - The prefixed verbs of leading, carrying, growing: see `carry_verbs`.

use super::word_chars::{consonant, ends, text};

/// Extra classes of a normalised Ukrainian word.
pub fn extra(w: &[char], out: &mut Vec<String>) {
    let n = w.len();
    present_without_va(w, out);
    super::carry_verbs::ukrainian(w, out);
    if n < 4 {
        return;
    }
    // -ій after a consonant: the genitive plural of a noun in -ія, or a
    // masculine noun in -ій (`Сергій`, `водій`, from four letters `Юрій`:
    // `Юрія`, `Юрієм` are `юрі`).
    if ends(w, "ій") && consonant(w[n - 3]) {
        out.push(text(&w[..n - 1]));
    }
    // -ів after a consonant: the past of an -іти verb (сидів, сиділа). Not
    // also the class of its present (сидить: `сиди`), which an -ити verb
    // shares with its noun's genitive plural (заходів/заходити, виразів/
    // виразити: a false merge in the forms bench). A noun's genitive plural
    // meets its own locative (`заході`).
    if n >= 5 && ends(w, "ів") && consonant(w[n - 3]) {
        out.push(text(&w[..n - 1]));
    }
    // -ати, -ити, -ути, -іти: the plural or genitive of a noun in -ат, -ит,
    // -ут, -іт(а) (депутати, кредити, інститути, звіти, освіти), which the
    // rules read as an infinitive (`депута`, `зви`, `осві`): `освіта` missed
    // `міністерство освіти`.
    let noun_ending = ends(w, "ати") || ends(w, "ити") || ends(w, "ути");
    if (n >= 6 && noun_ending) || (n >= 5 && ends(w, "іти")) {
        out.push(text(&w[..n - 1]));
    }
    present_without_ya(w, out);
}

/// A gerund is made from a finite form: -учи, -ючи, -ачи, -ячи from the
/// third person plural (`кажучи`: `кажуть`), -вши from the past (`помітивши`:
/// `помітив`); reflexive -чись, -шись from -ться, -ся. The rules cut its
/// ending at another place (`цінуючи` → `ціну`, the verb's forms `цінув`), so
/// [`super::stem::classes`] adds the finite form's class (with the irregular
/// table's: `кажучи` is `казати`'s).
pub fn gerunds_finite_form(term: &str) -> Option<String> {
    let w: Vec<char> = term.chars().collect();
    let n = w.len();
    if n < 4 {
        return None;
    }
    let finite = if ends(&w, "чись") {
        format!("{}ться", text(&w[..n - 4]))
    } else if ends(&w, "вшись") {
        format!("{}ся", text(&w[..n - 4]))
    } else if ends(&w, "чи") && matches!(w[n - 3], 'у' | 'ю' | 'а' | 'я') {
        format!("{}ть", text(&w[..n - 2]))
    } else if ends(&w, "вши") {
        text(&w[..n - 2])
    } else {
        return None;
    };
    (finite.chars().count() >= 5).then_some(finite)
}

/// The synthetic future of a verb whose infinitive ends in -сти or -зти
/// (`нестиме`, `ростимуть`, `вестиме`: `нести`, `рости`, `вести`): the rules
/// take its ending off after a vowel only (`робитиме`), so without this it
/// was a class of its own (`вестиме` found 1 of 52 articles with `вести`,
/// `веде`, `вів`). [`super::stem::classes`] gives it the infinitive's.
pub fn consonant_future_infinitive(term: &str) -> Option<String> {
    let w: Vec<char> = term.chars().collect();
    let n = w.len();
    let ending = [
        "тимемо",
        "тимете",
        "тимуть",
        "тимеш",
        "тимем",
        "тиме",
        "тиму",
    ]
    .into_iter()
    .find(|e| ends(&w, e))?;
    let stem = n - ending.chars().count();
    (stem >= 2 && matches!(w[stem - 1], 'с' | 'з')).then(|| format!("{}ти", text(&w[..stem])))
}

/// The present endings, reflexive ones first (longest first).
const PRESENT: &[(&str, bool)] = &[
    ("ємося", true),
    ("ємось", true),
    ("єтеся", true),
    ("єтесь", true),
    ("ється", true),
    ("ються", true),
    ("єшся", true),
    ("юся", true),
    ("юсь", true),
    ("ючись", true),
    ("ємо", false),
    ("єте", false),
    ("ють", false),
    ("єш", false),
    ("єм", false),
    ("ючи", false),
    ("є", false),
    ("ю", false),
];

/// The stem before a present ending, and whether the form is reflexive.
fn present_stem(w: &[char]) -> Option<(&[char], bool)> {
    PRESENT
        .iter()
        .find(|(e, _)| ends(w, e))
        .map(|(e, r)| (&w[..w.len() - e.chars().count()], *r))
}

/// -давати, -ставати, -знавати: `видає` → `видава`. Not `знає` without a
/// prefix (знати is another verb); `дає`, `стає` are давати's, ставати's.
fn present_without_va(w: &[char], out: &mut Vec<String>) {
    let Some((stem, reflexive)) = present_stem(w) else {
        return;
    };
    let prefixed = |root: &str| ends(stem, root) && stem.len() > root.chars().count() + 1;
    if prefixed("да") || prefixed("зна") || prefixed("ста") || stem == ['д', 'а'] {
        out.push(format!(
            "{}ва{}",
            text(stem),
            if reflexive { "ся" } else { "" }
        ));
    }
}

/// -іяти: `діють` → `дія`, `сміється` → `сміяся`.
fn present_without_ya(w: &[char], out: &mut Vec<String>) {
    let Some((stem, reflexive)) = present_stem(w) else {
        return;
    };
    let k = stem.len();
    if k >= 2 && stem[k - 1] == 'і' && consonant(stem[k - 2]) {
        out.push(format!(
            "{}я{}",
            text(stem),
            if reflexive { "ся" } else { "" }
        ));
    }
}
