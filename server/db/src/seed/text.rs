//! Japanese text of generated records: names, descriptions, motivation
//! statements and messages, varied enough that keyword search means
//! something.

use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::data::{Municipality, Occupation, Tables};

/// The name of a municipality without 市, 町, 村 or the ward
/// (`札幌市中央区` → `札幌`, `文京区` → `文京`).
pub fn place_stem(name: &str) -> &str {
    let city = match name.find('市') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    };
    city.trim_end_matches(['区', '町', '村', '市'])
}

/// The name a local station often carries: the ward of a designated
/// city (`大阪市都島区` → `都島`), otherwise [`place_stem`].
pub fn station_stem(name: &str) -> &str {
    match name.split_once('市') {
        Some((_, ward)) if ward.ends_with('区') && ward.chars().count() > 1 => {
            ward.trim_end_matches('区')
        }
        _ => place_stem(name),
    }
}

/// The reading of [`place_stem`], in katakana, where it can be told
/// (not for wards of a designated city).
pub fn place_stem_kana(place: &Municipality) -> Option<String> {
    if place.name.contains('市') && place.name.ends_with('区') {
        return None;
    }
    let suffixes: &[(char, &[&str])] = &[
        ('市', &["し"]),
        ('区', &["く"]),
        ('町', &["ちょう", "まち"]),
        ('村', &["むら", "そん"]),
    ];
    let last = place.name.chars().last()?;
    let (_, readings) = suffixes.iter().find(|(c, _)| *c == last)?;
    let stem = readings.iter().find_map(|r| place.kana.strip_suffix(r))?;
    Some(katakana(stem))
}

/// Hiragana to katakana (the municipality readings are in hiragana).
pub fn katakana(hiragana: &str) -> String {
    hiragana
        .chars()
        .map(|c| match c {
            'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// An establishment's name and its reading, in the legal form usual for
/// the occupation.
pub fn establishment_name(
    rng: &mut ChaCha8Rng,
    t: &Tables,
    o: &Occupation,
    place: &Municipality,
) -> (String, String) {
    let local = place_stem_kana(place)
        .filter(|_| rng.random_bool(0.2) && place_stem(place.name).chars().count() >= 2);
    let (stem, stem_kana) = match local {
        Some(kana) => (place_stem(place.name), kana),
        None => {
            let w = t.stems.choose(rng).expect("stems");
            (w.text, w.kana.to_owned())
        }
    };
    let word = *o.words.choose(rng).expect("words");
    let core = format!("{stem}{}", word.text);
    let kana = format!("{stem_kana}{}", word.kana);
    let name = match o.kind {
        'f' => format!("社会福祉法人{core}"),
        'i' if rng.random_bool(0.5) => format!("医療法人社団{core}"),
        'i' => format!("医療法人{core}"),
        'y' => format!("有限会社{core}"),
        _ if rng.random_bool(0.55) => format!("株式会社{core}"),
        _ if rng.random_bool(0.1) => format!("有限会社{core}"),
        _ => format!("{core}株式会社"),
    };
    (name, kana)
}

/// A person's name and its reading, e.g. (`山田 花子`, `ヤマダ　ハナコ`).
pub fn person_name(rng: &mut ChaCha8Rng, t: &Tables) -> (String, String) {
    let family = t.family_names.choose(rng).expect("names");
    let given = if rng.random_bool(0.5) {
        t.male_names.choose(rng)
    } else {
        t.female_names.choose(rng)
    }
    .expect("names");
    (
        format!("{} {}", family.text, given.text),
        format!("{}\u{3000}{}", family.kana, given.kana),
    )
}

const WORKPLACE: &[&str] = &[
    "{place}にある{industry}の事業所です。",
    "{place}の{industry}で、地域のお客様に長く選ばれています。",
    "{place}で創業して30年以上の{industry}です。",
    "{place}駅から通いやすい{industry}の職場です。",
    "{place}を中心に事業を広げている{industry}の会社です。",
];

const CLOSING: &[&str] = &[
    "入社後は先輩社員がマンツーマンで指導します。",
    "有給休暇は半日単位で取得できます。",
    "子育て中の方も働きやすいよう、急な休みにも協力し合っています。",
    "資格取得の費用を会社が負担する制度があります。",
    "職場見学を随時受け付けています。",
    "20代から60代まで幅広い年代が活躍しています。",
    "制服を貸与します。",
    "残業はほとんどなく、定時で帰る人が多い職場です。",
    "正社員登用の実績があります。",
    "ブランクがある方も安心して始められます。",
    "長く働ける職場づくりに力を入れています。",
    "季節ごとに社内行事があります。",
];

/// 仕事の内容: the occupation's tasks in a varied order, a sentence about
/// the workplace, its requirement and a closing line.
pub fn description(rng: &mut ChaCha8Rng, o: &Occupation, place: &Municipality) -> String {
    let mut tasks: Vec<&str> = o.tasks.clone();
    // Fisher–Yates by hand keeps the order stable across rand versions.
    for i in (1..tasks.len()).rev() {
        let j = rng.random_range(0..=i);
        tasks.swap(i, j);
    }
    let take = rng.random_range(2..=tasks.len().min(4));
    let mut out = String::new();
    for t in &tasks[..take] {
        out.push_str(t);
    }
    let workplace = WORKPLACE
        .choose(rng)
        .expect("workplace")
        .replace("{place}", place_stem(place.name))
        .replace("{industry}", o.industry);
    out.push_str(&workplace);
    out.push_str(o.needs.choose(rng).expect("needs"));
    out.push_str(CLOSING.choose(rng).expect("closing"));
    out
}

const MOTIVES: &[&str] = &[
    "求人票で仕事の内容を拝見し、これまでの経験を活かせると考えて応募いたしました。",
    "地域に根ざした貴社の取り組みに魅力を感じています。",
    "前職では接客を5年間担当し、お客様の要望をくみ取る力を身につけました。",
    "家族の転勤で近くに転居したため、通勤しやすい職場を探しています。",
    "未経験の分野ですが、資格の取得に向けて勉強を始めています。",
    "前職で培ったパソコンのスキルと、正確な事務処理の経験を活かしたいと考えています。",
    "体力には自信があり、早朝の勤務にも対応できます。",
    "子育てが一段落したため、長く働ける職場で再び働きたいと考えました。",
    "チームで協力して成果を上げることにやりがいを感じてきました。",
    "一日も早く戦力になれるよう努めます。よろしくお願いいたします。",
];

/// A 志望動機 of three sentences.
pub fn motivation(rng: &mut ChaCha8Rng) -> String {
    let mut out = String::new();
    for m in MOTIVES.choose_multiple(rng, 3) {
        out.push_str(m);
    }
    out
}

pub const EMPLOYER_MESSAGES: &[&str] = &[
    "ご応募ありがとうございます。書類を拝見しました。面接の日程を調整させてください。",
    "面接は来週火曜日の10時からでいかがでしょうか。場所は事業所2階の会議室です。",
    "先日は面接にお越しいただきありがとうございました。選考結果は1週間以内にご連絡します。",
    "職場見学も可能です。ご希望の日時をお知らせください。",
];

pub const SEEKER_MESSAGES: &[&str] = &[
    "ご連絡ありがとうございます。ご提示の日程で伺います。",
    "承知しました。当日は履歴書を持参いたします。",
    "恐れ入りますが、平日の午後であれば調整できます。",
    "勤務開始日について相談させていただけますでしょうか。",
];

/// Notices an office sends to all its seekers: (title, body).
pub const SEEKER_NOTICES: &[(&str, &str)] = &[
    (
        "年末年始の開庁日のお知らせ",
        "12月29日から1月3日までは閉庁します。オンラインでの求人検索と応募はご利用いただけます。",
    ),
    (
        "職業訓練（ハロートレーニング）説明会のご案内",
        "来月の第2水曜日14時から、庁舎3階で説明会を開きます。予約は不要です。",
    ),
    (
        "オンライン職業相談の予約受付を開始しました",
        "マイページから職業相談の予約ができるようになりました。",
    ),
];

/// Notices an office sends to its employers.
pub const EMPLOYER_NOTICES: &[(&str, &str)] = &[
    (
        "求人票の記載事項について（2024年4月改正）",
        "業務・就業場所の変更の範囲と、有期契約の更新上限の記載が必要です。",
    ),
    (
        "最低賃金改定のお知らせ",
        "10月から地域別最低賃金が改定されました。求人票の賃金をご確認ください。",
    ),
];

/// Notices to one seeker.
pub const PERSONAL_NOTICES: &[(&str, &str)] = &[
    (
        "次回の職業相談日のご案内",
        "次回の職業相談は来週の予定です。ご都合が悪い場合はご連絡ください。",
    ),
    (
        "求職登録の有効期限が近づいています",
        "有効期限の延長は、窓口またはマイページから手続きできます。",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_readings() {
        assert_eq!(place_stem("札幌市中央区"), "札幌");
        assert_eq!(place_stem("文京区"), "文京");
        assert_eq!(place_stem("東大阪市"), "東大阪");
        assert_eq!(place_stem("奥尻町"), "奥尻");
        assert_eq!(katakana("ちよだく"), "チヨダク");
        assert_eq!(station_stem("大阪市都島区"), "都島");
        assert_eq!(station_stem("函館市"), "函館");
        let place = |name, kana| Municipality {
            code: "000000",
            name,
            kana,
            urban: true,
        };
        assert_eq!(
            place_stem_kana(&place("函館市", "はこだてし")).as_deref(),
            Some("ハコダテ")
        );
        assert_eq!(
            place_stem_kana(&place("森町", "もりまち")).as_deref(),
            Some("モリ")
        );
        assert_eq!(
            place_stem_kana(&place("札幌市中央区", "さっぽろしちゅうおうく")),
            None
        );
    }
}
