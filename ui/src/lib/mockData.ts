// Seed articles for the in-memory backend (browser previews and UI tests).
export interface SeedArticle {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  author: string | null;
  published_at: string | null;
  language: string;
  body: string;
  tags: string[];
}

export const XSS_ID = "a6e0c1d2";
/** An article whose title holds an unclosed RIGHT-TO-LEFT OVERRIDE and whose text hides zero-width characters. */
export const BIDI_ID = "d1a0c7e2";

export const SEED: SeedArticle[] = [
  {
    id: "a1f3b2c4",
    title: "Переговори в Женеві: делегації обмінялися проєктами документів",
    source: "pravda.com.ua",
    url: "https://www.pravda.com.ua/news/2022/03/15/geneva/",
    author: "Олена Коваль",
    published_at: "2022-03-15T10:20:00Z",
    language: "uk",
    body:
      "У Женеві відбувся черговий раунд переговорів між делегаціями. Сторони обмінялися проєктами документів щодо гуманітарних коридорів.\n\n" +
      "Фото: Reuters / Денис Балібоуз\n\n" +
      "За словами джерел, переговори тривали понад шість годин. Наступна зустріч у Женеві можлива вже наступного тижня.\n\n" +
      "Лавров заявив, що Москва «готова до діалогу», однак українська сторона назвала ці слова маніпуляцією. Експерти радять стежити за формулюваннями офіційних заяв.\n\n" +
      "Підписуйтесь на наш Viber-канал — головне за день\n\n" +
      "Фестиваль вареників у Полтаві\n15:15 19.03.2022\n" +
      "Ремонт трамвайних колій на Подолі\n14:55 19.03.2022",
    tags: ["war/diplomacy/geneva"],
  },
  {
    id: "b7d9e0f1",
    title: "Лавров заявил о «прогрессе» на переговорах в Стамбуле",
    source: "lenta.ru",
    url: "https://lenta.ru/news/2022/03/29/lavrov/",
    author: null,
    published_at: "2022-03-29T16:05:00Z",
    language: "ru",
    body:
      "Министр иностранных дел Сергей Лавров заявил о «прогрессе» на переговорах в Стамбуле.\n\n" +
      "По его словам, стороны обсудили вопросы безопасности и нейтрального статуса. Украинская делегация прокомментировала заявление сдержанно.",
    tags: ["war/diplomacy"],
  },
  {
    id: "c2e4f6a8",
    title: "Зернова угода: перші судна вийшли з Одеси 🇺🇦",
    source: "ukrinform.ua",
    url: "https://www.ukrinform.ua/rubric-economy/grain.html",
    author: "Марія Шевчук",
    published_at: "2022-08-01T07:45:00Z",
    language: "uk",
    body:
      "🚢 Перше судно з українським зерном вийшло з порту Одеси. 🇺🇦 Це стало можливим завдяки домовленостям, досягнутим у Стамбулі.\n\n" +
      "Судно Razoni везе понад 26 тисяч тонн кукурудзи до Лівану. Наступні судна очікують на вихід у найближчі дні.",
    tags: ["economy/grain"],
  },
  {
    id: "d5a7b9c1",
    title: "Фейкова заява «Мінoборони» поширюється в Telegram",
    source: "stopfake.org",
    url: "https://www.stopfake.org/uk/fake-statement/",
    author: "StopFake",
    published_at: "2023-02-10T12:00:00Z",
    language: "uk",
    // "Мінoборони" below spells its "o" with a Latin letter, as fakes often do.
    body:
      "У Telegram-каналах поширюють нібито заяву «Мінoборони» про нову хвилю мобілізації. Документ підроблений.\n\n" +
      "Зверніть увагу: у назві відомства літеру «о» замінено латинською — так автори фейку обходять автоматичні фільтри. Справжня заява Міноборони на офіційному сайті відсутня.",
    tags: ["fact-check"],
  },
  {
    id: "e8c0d2e4",
    title: "Цены на энергоносители в Европе выросли до рекорда",
    source: "rbc.ru",
    url: "https://www.rbc.ru/economics/05/09/2022/energy",
    author: null,
    published_at: "2022-09-05T09:30:00Z",
    language: "ru",
    body:
      "Цены на газ в Европе достигли рекордных значений после остановки поставок. Аналитики ожидают роста тарифов зимой.\n\n" +
      "Правительства нескольких стран объявили о мерах поддержки домохозяйств.",
    tags: ["economy/energy"],
  },
  {
    id: XSS_ID,
    title: "Перевірка розмітки: <script>alert(1)</script> у заголовку",
    source: "test.example",
    url: "https://test.example/xss",
    author: "<b>Автор</b>",
    published_at: "2023-05-20T08:00:00Z",
    language: "uk",
    body:
      "Ця стаття містить розмітку, яку треба показати як текст: <img src=x onerror=alert(1)> і <script>alert(1)</script>.\n\n" +
      "Якщо ви бачите кутові дужки, інтерфейс працює правильно.",
    tags: ["fact-check"],
  },
  {
    id: "f1a3c5e7",
    title: "Женевські конвенції і полонені: що кажуть юристи",
    source: "zn.ua",
    url: "https://zn.ua/ukr/geneva-conventions.html",
    author: "Ігор Мельник",
    published_at: "2022-11-12T14:10:00Z",
    language: "uk",
    body:
      "Женевські конвенції визначають правила поводження з військовополоненими. Юристи наголошують, що порушення фіксуються для майбутніх судів.\n\n" +
      "Міжнародний комітет Червоного Хреста має доступ не до всіх місць утримання.",
    tags: ["war/diplomacy/geneva", "law"],
  },
  {
    id: "0a2b4c6d",
    title: "В Женеве прошла встреча по гуманитарным вопросам",
    source: "meduza.io",
    url: "https://meduza.io/news/2022/06/20/geneva",
    author: null,
    published_at: "2022-06-20T11:00:00Z",
    language: "ru",
    body:
      "В Женеве состоялась встреча представителей гуманитарных организаций. Обсуждались обмен пленными и доступ к гражданским.\n\n" +
      "Участники договорились продолжить переговоры в июле.",
    tags: ["war/diplomacy/geneva"],
  },
  {
    id: "1b3d5f7a",
    title: "UN Security Council holds emergency session on Ukraine",
    source: "reuters.com",
    url: "https://www.reuters.com/world/un-session/",
    author: "Reuters",
    published_at: "2022-02-24T22:00:00Z",
    language: "other",
    body:
      "The UN Security Council held an emergency session as Russian forces entered Ukraine. Diplomats in Geneva and New York condemned the attack.",
    tags: [],
  },
  {
    id: BIDI_ID,
    title: "Заява \u202Eпро скасування санкцій: перевірка підробленого заголовка",
    source: "spoof.example",
    url: "https://spoof.example/news/2022/04/02/zayava",
    author: null,
    published_at: "2022-04-02T09:00:00Z",
    language: "uk",
    body:
      "Заголовок цієї публікації містить невидимий символ, який перевертає текст після себе.\n\n" +
      "У тексті теж є пастки: прізвище Пут\u200Bін розірване пробілом нульової ширини, а назва \u2067Київ\u2069 загорнута в ізоляцію. " +
      "Ще одна заява \u202Eпро обстріли\u202C спростована.\n\n" +
      "Перевірка показала, що документ підроблено: Пут\u200Dін не підписував його.",
    tags: [],
  },
];

const SOURCES = ["ukrinform.ua", "pravda.com.ua", "zn.ua", "suspilne.media", "lenta.ru", "rbc.ru"];
const TOPICS_UK = ["енергетика", "обстріли", "волонтери", "відбудова", "санкції", "освіта"];
const TOPICS_RU = ["экономика", "санкции", "энергетика", "погода", "транспорт", "культура"];

/** Filler articles so the list scrolls and pages, spread over 2021–2023. */
export function fillerArticles(count: number): SeedArticle[] {
  const out: SeedArticle[] = [];
  for (let i = 0; i < count; i++) {
    const ru = i % 3 === 2;
    const topic = (ru ? TOPICS_RU : TOPICS_UK)[i % 6];
    const day = new Date(Date.UTC(2021, 0, 1) + ((i * 7919) % 415) * 86_400_000);
    out.push({
      id: `f${String(i).padStart(7, "0")}`,
      title: ru ? `Обзор дня №${i + 1}: ${topic}` : `Огляд дня №${i + 1}: ${topic}`,
      source: SOURCES[i % SOURCES.length],
      url: null,
      author: null,
      published_at: day.toISOString().slice(0, 19) + "Z",
      language: ru ? "ru" : "uk",
      body: ru
        ? `Главные новости дня по теме «${topic}». Подробности и комментарии экспертов.`
        : `Головні новини дня на тему «${topic}». Подробиці та коментарі експертів.`,
      tags: [],
    });
  }
  return out;
}
