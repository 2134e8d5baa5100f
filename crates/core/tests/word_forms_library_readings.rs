//! Issue 13: readings of a Ukrainian word its letters allow and the library
//! rules out (see `search::readings`): an adverb in -о (`прямо`, `цікаво`) is
//! no form of its adjective (`прямий`, `цікава`), while a neuter noun in -о
//! (`вікно`, `світло`) keeps all its cases; a noun in -ій (`водій`) is no
//! adjective's form where the library holds no such adjective; a Russian
//! adverb (`мирно`, `специально`) finds no adjective's forms where the library
//! holds no neuter noun of its stem.

mod harness;
use harness::named_library as library;

#[test]
fn an_adverb_and_its_adjective_do_not_find_each_other() {
    let lib = library(&[
        (
            "adjective",
            "Президент виступив у прямому ефірі, і прямі питання журналістів лунали одне за одним.",
        ),
        (
            "adverb",
            "Прямо зараз у місті лунає тривога, повідомили в обласній адміністрації.",
        ),
        (
            "interesting",
            "Це була цікава дискусія про історію міста, і цікавий формат зібрав багато людей.",
        ),
        (
            "interestingly",
            "Було цікаво послухати думки експертів, які працюють на звільнених територіях.",
        ),
        (
            "previous",
            "Попередні домовленості сторін, досягнуті попереднього тижня, не виконані.",
        ),
        (
            "previously",
            "Про це попередньо повідомили в Генштабі, уточнивши деталі згодом.",
        ),
    ]);
    assert_eq!(lib.found("прямо"), ["adverb"]);
    assert_eq!(lib.found("прямі"), ["adjective"]);
    assert_eq!(lib.found("прямий"), ["adjective"]);
    assert_eq!(lib.found("цікава"), ["interesting"]);
    assert_eq!(lib.found("цікаво"), ["interestingly"]);
    // A soft stem: the adverb in -ьо.
    assert_eq!(lib.found("попередньо"), ["previously"]);
    assert_eq!(lib.found("попередні"), ["previous"]);
}

#[test]
fn a_neuter_noun_in_o_keeps_its_cases() {
    let lib = library(&[
        (
            "window",
            "Вибухова хвиля вибила вікно у школі на околиці міста.",
        ),
        (
            "windows",
            "Вікна в сусідніх будинках пошкоджені, вікнами вже займаються комунальники.",
        ),
        (
            "word",
            "Депутат дав слово, що закон ухвалять до кінця місяця.",
        ),
        (
            "words",
            "Його слова підтвердили в міністерстві, і цим словам можна вірити.",
        ),
    ]);
    assert_eq!(lib.found("вікно"), ["window", "windows"]);
    assert_eq!(lib.found("вікнами"), ["window", "windows"]);
    assert_eq!(lib.found("слово"), ["word", "words"]);
    assert_eq!(lib.found("словам"), ["word", "words"]);
}

#[test]
fn a_noun_in_o_whose_stem_is_also_an_adjectives_is_read_as_the_noun() {
    let lib = library(&[
        ("light", "Світло повернули в усі будинки району ввечері."),
        (
            "no-light",
            "Без світла люди сиділи шість годин, а зі світлом повернувся і зв'язок.",
        ),
        (
            "bright",
            "Це був світлий день, і спогади про нього залишаться надовго.",
        ),
    ]);
    // `світлом` is a noun's alone: `світло` is the noun, its cases found.
    let found = lib.found("світло");
    assert!(found.contains(&"light".to_owned()), "{found:?}");
    assert!(found.contains(&"no-light".to_owned()), "{found:?}");
    assert_eq!(lib.found("світлом"), ["light", "no-light"]);
}

/// Found on the 100,000-article benchmark library: `водій` (driver), read
/// also as the adjective form `вод+` + -ій, found every article with `вода`
/// (water), `води`, and `вода` found `водій`; `водій` asked for `воді`
/// (`водія`'s class) as a word too: the water's locative.
#[test]
fn a_noun_in_ij_is_no_adjectives_form_where_the_library_has_no_such_adjective() {
    let lib = library(&[
        (
            "driver",
            "Водій автобуса загинув на місці, повідомили в поліції.",
        ),
        (
            "driver-gen",
            "Поліція розшукує водія, який збив пішохода і втік.",
        ),
        (
            "water",
            "У місті відновили подачу води після ремонту водогону.",
        ),
        (
            "water-loc",
            "Рятувальники дістали з води чоловіка, який довго пробув у воді.",
        ),
        ("water-nom", "Вода в річці піднялася на метр за добу."),
        (
            "new",
            "У новій школі навчатимуться діти з нового мікрорайону.",
        ),
        ("new-other", "Нова будівля школи відкрилася після ремонту."),
    ]);
    assert_eq!(lib.found("водій"), ["driver", "driver-gen"]);
    assert_eq!(lib.found("вода"), ["water", "water-loc", "water-nom"]);
    // An adjective the library has keeps its form in -ій.
    assert_eq!(lib.found("новій"), ["new", "new-other"]);
    assert_eq!(lib.found("нова"), ["new", "new-other"]);
}

#[test]
fn a_russian_adverb_does_not_find_its_adjective_where_the_library_holds_no_such_noun() {
    let lib = library(&[
        (
            "peacefully",
            "Переговоры прошли мирно, стороны обсудили обмен пленными.",
        ),
        (
            "peaceful",
            "Жители выступили за мирное урегулирование, мирные граждане покинули город.",
        ),
        (
            "special",
            "Для эвакуации выделили специальные автобусы и специальный поезд.",
        ),
        (
            "specially",
            "Автобусы были специально подготовлены для эвакуации жителей.",
        ),
        (
            "gold",
            "Инвесторы вкладывают деньги в золото и доверяют золоту больше, чем валюте.",
        ),
        ("gold-paid", "Контрабандисты расплачивались золотом."),
        ("golden", "Спортсмены завоевали золотые медали чемпионата."),
    ]);
    assert_eq!(lib.found("мирно"), ["peacefully"]);
    assert_eq!(lib.found("специально"), ["specially"]);
    // An adjective's form still finds the adverb (the index files them together).
    assert_eq!(lib.found("мирные"), ["peaceful", "peacefully"]);
    // A neuter noun in -о keeps its cases where the library holds one (`золоту`).
    assert_eq!(lib.found("золото"), ["gold", "gold-paid", "golden"]);
}
