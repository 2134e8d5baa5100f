//! Word forms the stemming rules cannot get right, written by us: suppletive
//! and irregular paradigms of frequent verbs and nouns, and frequent
//! homographs kept apart (`рік`/`ріка`, `друг`/`другий`).
//!
//! Each entry names a lemma and forms that belong to it. A form's class is the
//! rules' stem of its lemma, so the forms the table leaves out still meet it;
//! a lemma ending in `=` is a class of its own, for a word the rules would
//! merge with another (`ріка=`). A form listed under several lemmas gets all
//! their classes (`друга`: the friend's genitive and the adjective). The lemma
//! `*` stands for the form's own rules' stem.

use std::collections::HashMap;

use super::language::Language;

#[rustfmt::skip]
const UK: &[(&str, &str)] = &[
    // homographs: рік (year) / ріка (river); друг (friend) / другий (second)
    ("рік", "року рокові роком році роки років рокам роками роках"),
    ("ріка=", "ріка ріки ріці ріку рікою ріко рікам ріками ріках"),
    ("друг=", "друг другові другом друже друзі друзів друзям друзями друзях"),
    ("друг=", "друга другу"),
    ("*", "друга другу"),
    // suppletive and irregular verbs
    ("бути=", "бути є був була було були буду будеш буде будемо будете будуть будь будьте будучи бувши"),
    ("мати=", "мати маю маєш має маємо маєте мають мав матиму матимеш матиме матимемо матимете матимуть майте"),
    ("мати=", "мала мали"),
    ("*", "мала мали"),
    ("казати", "кажу кажеш каже кажемо кажете кажуть кажи кажіть кажучи"),
    ("сказати", "скажу скажеш скаже скажемо скажете скажуть скажи скажіть"),
    ("лежати", "лежу лежиш лежить лежимо лежите лежать лежи лежачи"),
    ("стояти", "стою стоїш стоїть стоїмо стоїте стоять стій стійте стоячи"),
    ("боятися", "боюся боюсь боїшся боїться боїмося боїмось боїтеся боїтесь бояться бійся бійтеся бійтесь"),
    ("стати", "стану станеш стане станемо станете стануть стань станьте став стала стало стали"),
    ("ставати", "стаю стаєш стає стаємо стаєте стають ставай ставайте"),
    ("могти", "можу можеш може можемо можете можуть міг могла могло могли"),
    ("хотіти", "хочу хочеш хоче хочемо хочете хочуть хотів хотіла хотіло хотіли"),
    ("хотітися", "хочеться хотілося хотілось хотітиметься"),
    ("іти", "йти іду ідеш іде ідемо ідете ідуть йду йдеш йде йдемо йдете йдуть ішов ішла ішло ішли йшов йшла йшло йшли"),
    ("піти", "піду підеш піде підемо підете підуть пішов пішла пішло пішли"),
    ("дати", "дам даси дасть дамо дасте дадуть дав дала дало дали дано"),
    ("їсти", "їм їси їсть їмо їсте їдять їв їла їло їли"),
    ("взяти", "візьму візьмеш візьме візьмемо візьмете візьмуть візьми візьміть взяв взяла взяло взяли взято"),
    ("зняти", "зніму знімеш зніме знімемо знімете знімуть зняв зняла зняло зняли знято"),
    ("жити", "живу живеш живе живемо живете живуть живи живіть жив жила жило жили"),
    ("бачити", "бачу бачать"),
    ("робити", "роблю роблять"),
    ("любити", "люблю люблять"),
    ("ходити", "ходжу"),
    ("сидіти", "сиджу"),
    ("бігти", "біжу біжиш біжить біжимо біжите біжать біжи біжіть бігла бігло бігли"),
    ("бігти", "біг"),
    ("*", "біг"),
    ("чути", "чую чуєш чує чуємо чуєте чують чув чула чуло чули чуй чуйте"),
    ("спати", "сплю спиш спить спимо спите сплять спав спала спало спали спіть"),
    // nouns with alternations the rules leave split
    ("день", "день дня дню днем дні днів дням днями днях"),
    ("люди", "людина людини людині людину людиною люди людей людям людьми людях"),
    ("дитина", "дитина дитини дитині дитину дитиною діти дітей дітям дітьми дітях"),
    ("мати=", "мати"),
    ("око=", "око ока оку оком очі очей очам очима очах"),
    ("київ=", "київ києва києву києві києвом"),
    ("тиждень=", "тиждень тижня тижню тижнем тижні тижнів тижням тижнями тижнях"),
    ("бій=", "бій бою боєві боєм бої боїв боям боями боях"),
    ("почати", "почну почнеш почне почнемо почнете почнуть почни почніть"),
    ("бутися", "будеться будуться"),
    ("їхати", "їду їдеш їде їдемо їдете їдуть їдь їдьте їдучи"),
    ("бити", "б'ю б'єш б'є б'ємо б'єте б'ють бий бийте бив била било били бито"),
    ("битися", "б'юся б'юсь б'єшся б'ється б'ємося б'ємось б'єтеся б'ються бийся бийтеся бився билася билась билося билось билися бились"),
    ("відповісти=", "відповісти відповім відповіси відповість відповімо відповісте відповідять відповів відповіла відповіло відповіли відповівши"),
    ("розповісти=", "розповісти розповім розповіси розповість розповімо розповісте розповідять розповів розповіла розповіло розповіли розповівши"),
    ("доповісти=", "доповісти доповім доповіси доповість доповімо доповісте доповідять доповів доповіла доповіло доповіли доповівши"),
];

#[rustfmt::skip]
const RU: &[(&str, &str)] = &[
    ("друг=", "друг другу другом друге друзья друзей друзьям друзьями друзьях"),
    ("друг=", "друга"),
    ("*", "друга"),
    ("год", "год года году годом годе годы годов годам годами годах лет"),
    ("день", "день дня дню днем дне дни дней дням днями днях"),
    ("человек", "человек человека человеку человеком человеке люди людей людям людьми людях"),
    ("ребенок", "ребенок ребенка ребенку ребенком ребенке дети детей детям детьми детях"),
    ("быть=", "быть есть был была было были буду будешь будет будем будете будут будь будьте будучи бывший"),
    ("мочь", "могу можешь может можем можете могут мог могла могло могли могший"),
    ("хотеть", "хочу хочешь хочет хотим хотите хотят хотел хотела хотело хотели"),
    ("идти=", "идти иду идешь идет идем идете идут шел шла шло шли шедший идя идущий идущая идущее идущие идущего идущей идущему идущим идущих идущими идущую"),
    ("один=", "один одного одному одним одном одна одной одну одною одно одни одних одними"),
    ("стать", "стану станешь станет станем станете станут стань станьте"),
    ("дать", "дам дашь даст дадим дадите дадут дал дала дало дали"),
    ("взять", "возьму возьмешь возьмет возьмем возьмете возьмут возьми возьмите"),
    ("жить", "живу живешь живет живем живете живут живи живите"),
    ("весь=", "весь всего всему всем всей всю вся все всех всеми"),
    ("этот=", "этот этого этому этим этом эта этой эту это эти этих этими"),
    ("тот=", "тот того тому тем том та той ту то те тех теми"),
    ("свой=", "свой своего своему своим своем своя своей свою свое свои своих своими"),
    ("сказать", "скажу скажешь скажет скажем скажете скажут скажи скажите"),
    ("принять", "приму примешь примет примем примете примут"),
    ("открыть", "открою откроешь откроет откроем откроете откроют"),
];

/// Prefixes of Russian verbs of going (`вы-йти`, `вы-шел`).
const RU_GO_PREFIXES: &[&str] = &[
    "вы", "при", "у", "за", "по", "на", "от", "ото", "об", "обо", "до", "пере", "про", "под",
    "подо", "с", "со", "во", "вз", "взо", "раз", "разо", "сна", "в",
];
/// Endings of the verbs of going after a prefix (`-йти`, `-йду`, `-шел`, `-шедший`).
const RU_GO_ENDINGS: &[&str] = &[
    "йти",
    "йду",
    "йдешь",
    "йдет",
    "йдем",
    "йдете",
    "йдут",
    "йди",
    "йдите",
    "йдя",
    "шел",
    "шла",
    "шло",
    "шли",
    "шедший",
    "шедшего",
    "шедшему",
    "шедшим",
    "шедшем",
    "шедшая",
    "шедшей",
    "шедшую",
    "шедшее",
    "шедшие",
    "шедших",
    "шедшими",
    "ойти",
    "ойду",
    "ойдет",
    "ойдут",
    "ошел",
    "ошла",
    "ошли",
    "ошло",
];

type Table = HashMap<&'static str, Vec<&'static str>>;

fn table(lang: Language) -> Option<&'static Table> {
    static UK_TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    static RU_TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let (cell, entries) = match lang {
        Language::Uk => (&UK_TABLE, UK),
        Language::Ru => (&RU_TABLE, RU),
        Language::Other => return None,
    };
    Some(cell.get_or_init(|| {
        let mut t: Table = HashMap::new();
        for (lemma, forms) in entries {
            for f in forms.split_whitespace() {
                let v = t.entry(f).or_default();
                if !v.contains(lemma) {
                    v.push(lemma);
                }
            }
        }
        t
    }))
}

/// The lemmas a form of `lang` belongs to by the table (`*`: its own rules'
/// stem), or `None` when the rules decide alone.
pub fn lemmas(term: &str, lang: Language) -> Option<Vec<&'static str>> {
    if let Some(v) = table(lang).and_then(|t| t.get(term)) {
        return Some(v.clone());
    }
    match lang {
        Language::Ru => go_verb(term),
        Language::Uk => uk_go_verb(term),
        Language::Other => None,
    }
}

/// Prefixes of Ukrainian verbs of going, with the і a consonant prefix takes
/// before й (`під-і-йти`), and `зна` of `знайти`. Not `по`: `піти` is in the table.
const UK_GO_PREFIXES: &[&str] = &[
    "пере", "про", "при", "за", "ви", "ді", "на", "зна", "віді", "піді", "зі", "обі", "розі",
    "наді", "уві", "вві",
];
/// Endings of the Ukrainian verbs of going after a prefix (`-йти`, `-йду`, `-йшов`, `-йдено`).
const UK_GO_ENDINGS: &[&str] = &[
    "йти",
    "йду",
    "йдеш",
    "йде",
    "йдемо",
    "йдем",
    "йдете",
    "йдуть",
    "йди",
    "йдімо",
    "йдіть",
    "йшов",
    "йшла",
    "йшло",
    "йшли",
    "йдучи",
    "йшовши",
    "йдено",
    "йдений",
    "йдена",
    "йдене",
    "йдені",
    "йденого",
    "йденої",
    "йденому",
    "йденим",
    "йдених",
    "йдену",
    "йденою",
];

/// A Ukrainian verb of going with a prefix, reflexive or not: `підійшов`,
/// `підійде`, `підійти` → `підійти=`; `розійшлися` → `розійтися=`.
fn uk_go_verb(term: &str) -> Option<Vec<&'static str>> {
    let (base, reflexive) = match term.strip_suffix("ся").or_else(|| term.strip_suffix("сь")) {
        Some(b) => (b, true),
        None => (term, false),
    };
    let prefix = UK_GO_PREFIXES.iter().find(|p| {
        base.strip_prefix(**p)
            .is_some_and(|rest| UK_GO_ENDINGS.contains(&rest))
    })?;
    static CLASSES: std::sync::OnceLock<HashMap<(&'static str, bool), &'static str>> =
        std::sync::OnceLock::new();
    let classes = CLASSES.get_or_init(|| {
        UK_GO_PREFIXES
            .iter()
            .flat_map(|p| [(*p, false), (*p, true)])
            .map(|(p, r)| {
                // Leaked once per prefix and voice: a fixed, small set.
                let class: &'static str =
                    Box::leak(format!("{p}йти{}=", if r { "ся" } else { "" }).into_boxed_str());
                ((p, r), class)
            })
            .collect()
    });
    classes.get(&(*prefix, reflexive)).map(|c| vec![*c])
}

/// Ukrainian verb prefixes (`за-хочу`, `з-можуть`, `в-б'є`, `допо-може`).
const UK_PREFIXES: &[&str] = &[
    "за", "по", "ви", "від", "на", "пере", "при", "роз", "з", "с", "у", "об", "до", "під", "над",
    "вз", "пов", "в", "допо",
];

/// A Ukrainian irregular verb's form with a prefix: the prefix and the verb's lemma.
pub fn prefixed_verb_lemma(term: &str) -> Option<(&'static str, &'static str)> {
    let t = table(Language::Uk)?;
    for p in UK_PREFIXES {
        let Some(rest) = term.strip_prefix(p) else {
            continue;
        };
        if rest.chars().count() < 3 {
            continue;
        }
        if let Some(lemmas) = t.get(rest) {
            let verb = lemmas
                .iter()
                .find(|l| l.ends_with("ти") || l.ends_with("тися"))?;
            return Some((p, verb));
        }
    }
    None
}

/// A Russian verb of going with a prefix: `вышел`, `выйдет`, `вышедший` → `выйти=`.
fn go_verb(term: &str) -> Option<Vec<&'static str>> {
    for p in RU_GO_PREFIXES {
        let Some(rest) = term.strip_prefix(p) else {
            continue;
        };
        if RU_GO_ENDINGS.contains(&rest) {
            // The class is the prefix's: leaked once per prefix (a fixed, small set).
            return Some(vec![go_class(p)]);
        }
    }
    None
}

fn go_class(prefix: &'static str) -> &'static str {
    static CLASSES: std::sync::OnceLock<HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    let classes = CLASSES.get_or_init(|| {
        RU_GO_PREFIXES
            .iter()
            .map(|p| {
                let base = p.trim_end_matches('о');
                let class: &'static str = Box::leak(format!("{base}йти=").into_boxed_str());
                (*p, class)
            })
            .collect()
    });
    classes.get(prefix).copied().unwrap_or("йти=")
}
