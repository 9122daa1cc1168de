/**
 * The relevance set: a fixed network of members with names as varied as the group's (English,
 * Irish, Welsh, Scottish, South Asian, West African, Chinese, Polish and a few others, with
 * look-alikes on purpose), and what a person typing each query expects: who must come first,
 * and who else must be in the top three. Establishments are the seeded ones. The names are made
 * up for this set.
 */

export interface RelevanceCase {
  q: string;
  first: string;
  /** Others that must be in the top three, besides `first`. */
  top3?: string[];
}

export const MEMBER_NAMES = [
  // English and Scottish
  'James Smith', 'Sarah Smith', 'John Smithson', 'Emma Jones', 'Oliver Brown', 'Charlotte Browne', 'Thomas Taylor',
  'Amelia Clarke', 'Harry Clark', 'Grace Williamson', 'Sophie Williams', 'Daniel Hughes', 'Lucy Hewitt', 'Matthew Marsh',
  'Rebecca Walsh', 'Hannah Lee', 'Lee Chapman', 'Jennifer Lewis', 'Lewis Hamilton', 'Alison Reid', 'Eilidh MacDonald',
  'Callum McLeod',
  // Irish
  'Máire Ní Bhriain', 'Siobhán Ó Súilleabháin', "Seán O'Brien", "Kevin O'Brien", 'Aoife Murphy', 'Niamh Kelly',
  "Pádraig O'Connor", 'Caoimhe Byrne', 'Diarmuid McCarthy', "Declan O'Sullivan", 'Orla Nic Giolla Phádraig',
  // Welsh
  'Rhys ap Gruffydd', 'Elin Rhys', 'Bethan Llewellyn', 'Dafydd Jones', 'Siân Smith-Jones', 'Gwenllian Evans',
  'Ioan Pryce', 'Catrin Price', 'Llinos Thomas',
  // South Asian
  'Priya Patel', 'Rajesh Patel', 'Amit Shah', 'Sunita Sharma', 'Mohammed Khan', 'Imran Khan', 'Aisha Rahman',
  'Harpreet Kaur', 'Gurpreet Singh', 'Meera Iyer', 'Tariq Hussain', 'Omar Hussein', 'Fatima Begum', 'Anjali Chaudhry',
  'Sanjay Gupta', 'Nadia Ali', 'Ali Hassan', 'Vikram Chandra',
  // West African
  'Kwame Mensah', 'Ama Mensah-Owusu', 'Kofi Boateng', 'Chukwuemeka Okafor', 'Ngozi Okafor-Nwosu', 'Oluwaseun Adeyemi',
  'Adebayo Adeyemo', 'Folake Adebayo', 'Yaw Asante', 'Abena Osei', 'Chidi Eze', 'Aminata Diallo', 'Ibrahim Sesay',
  // Chinese
  'Li Wei', 'Li Na', 'Wei Zhang', 'Xiaoming Li', 'Mei Lin Wong', 'Hui Chen', 'Yan Liu', 'Jun Huang', 'Ka Wai Chan',
  // Polish
  'Anna Kowalczyk', 'Tomasz Nowak', 'Katarzyna Wiśniewska', 'Piotr Wójcik', 'Agnieszka Lewandowska', 'Michał Kamiński',
  'Łukasz Zieliński', 'Małgorzata Szymańska', 'Krzysztof Woźniak', 'Zofia Dąbrowska', 'Paweł Kozłowski',
  // Others
  'François Lemaire', 'Anneke van Dijk', 'Zoë Ashworth',
];

export const MEMBER_CASES: RelevanceCase[] = [
  // Short keys match any word by its start.
  { q: 'li', first: 'Xiaoming Li', top3: ['Li Na', 'Li Wei'] },
  { q: 'na', first: 'Li Na' },
  { q: 'ch', first: 'Charlotte Browne' },
  { q: 'Li Wei', first: 'Li Wei' },
  { q: 'wei', first: 'Li Wei', top3: ['Wei Zhang'] },
  { q: 'zhang', first: 'Wei Zhang' },
  { q: 'chan', first: 'Ka Wai Chan', top3: ['Vikram Chandra'] },
  { q: 'ka wai chan', first: 'Ka Wai Chan' },
  { q: 'wong', first: 'Mei Lin Wong' },
  { q: 'mei lin', first: 'Mei Lin Wong' },
  { q: 'liu', first: 'Yan Liu' },
  { q: 'huang', first: 'Jun Huang' },
  { q: 'chen', first: 'Hui Chen' },
  // Irish: accents, particles and apostrophes.
  { q: 'Máire', first: 'Máire Ní Bhriain' },
  { q: 'maire', first: 'Máire Ní Bhriain' },
  { q: 'maire ni bhriain', first: 'Máire Ní Bhriain' },
  { q: 'ni bhriain', first: 'Máire Ní Bhriain' },
  { q: 'bhriain', first: 'Máire Ní Bhriain' },
  { q: 'siobhan', first: 'Siobhán Ó Súilleabháin' },
  { q: 'suilleabhain', first: 'Siobhán Ó Súilleabháin' },
  { q: 'osullivan', first: "Declan O'Sullivan" },
  { q: "o'sullivan", first: "Declan O'Sullivan" },
  { q: 'obrien', first: "Kevin O'Brien", top3: ["Seán O'Brien"] },
  { q: 'obrian', first: "Kevin O'Brien", top3: ["Seán O'Brien"] },
  { q: 'sean', first: "Seán O'Brien" },
  { q: 'connor', first: "Pádraig O'Connor" },
  { q: 'mccarthy', first: 'Diarmuid McCarthy' },
  { q: 'mcarthy', first: 'Diarmuid McCarthy' },
  { q: 'murphy', first: 'Aoife Murphy' },
  { q: 'niamh kelly', first: 'Niamh Kelly' },
  { q: 'phadraig', first: 'Orla Nic Giolla Phádraig', top3: ["Pádraig O'Connor"] },
  // Welsh.
  { q: 'llewellyn', first: 'Bethan Llewellyn' },
  { q: 'ap gruffydd', first: 'Rhys ap Gruffydd' },
  { q: 'gruffydd', first: 'Rhys ap Gruffydd' },
  { q: 'rhys', first: 'Rhys ap Gruffydd', top3: ['Elin Rhys'] },
  { q: 'price', first: 'Catrin Price', top3: ['Ioan Pryce'] },
  { q: 'pryce', first: 'Ioan Pryce' },
  { q: 'gwenllian', first: 'Gwenllian Evans' },
  { q: 'sian', first: 'Siân Smith-Jones' },
  // English and Scottish.
  { q: 'smith', first: 'James Smith', top3: ['Sarah Smith', 'Siân Smith-Jones'] },
  { q: 'smth', first: 'James Smith', top3: ['Sarah Smith'] },
  { q: 'jones', first: 'Dafydd Jones', top3: ['Emma Jones', 'Siân Smith-Jones'] },
  { q: 'smith-jones', first: 'Siân Smith-Jones' },
  { q: 'clark', first: 'Harry Clark', top3: ['Amelia Clarke'] },
  { q: 'brown', first: 'Oliver Brown', top3: ['Charlotte Browne'] },
  { q: 'lee', first: 'Lee Chapman', top3: ['Hannah Lee'] },
  { q: 'lewis', first: 'Lewis Hamilton', top3: ['Jennifer Lewis'] },
  { q: 'williams', first: 'Sophie Williams', top3: ['Grace Williamson'] },
  { q: 'macdonald', first: 'Eilidh MacDonald' },
  { q: 'mcleod', first: 'Callum McLeod' },
  { q: 'walsh', first: 'Rebecca Walsh' },
  // South Asian.
  { q: 'patel', first: 'Priya Patel', top3: ['Rajesh Patel'] },
  { q: 'priya patel', first: 'Priya Patel' },
  { q: 'khan', first: 'Imran Khan', top3: ['Mohammed Khan'] },
  { q: 'mohammed', first: 'Mohammed Khan' },
  { q: 'kaur', first: 'Harpreet Kaur' },
  { q: 'singh', first: 'Gurpreet Singh' },
  { q: 'ali', first: 'Nadia Ali', top3: ['Ali Hassan'] },
  { q: 'hussain', first: 'Tariq Hussain', top3: ['Omar Hussein'] },
  { q: 'sharma', first: 'Sunita Sharma' },
  { q: 'chaudhry', first: 'Anjali Chaudhry' },
  { q: 'iyer', first: 'Meera Iyer' },
  // West African.
  { q: 'mensah', first: 'Kwame Mensah', top3: ['Ama Mensah-Owusu'] },
  { q: 'mensha', first: 'Kwame Mensah', top3: ['Ama Mensah-Owusu'] },
  { q: 'owusu', first: 'Ama Mensah-Owusu' },
  { q: 'kwame', first: 'Kwame Mensah' },
  { q: 'okafor', first: 'Chukwuemeka Okafor', top3: ['Ngozi Okafor-Nwosu'] },
  { q: 'ngozi', first: 'Ngozi Okafor-Nwosu' },
  { q: 'adeyemi', first: 'Oluwaseun Adeyemi' },
  { q: 'adeyemo', first: 'Adebayo Adeyemo' },
  { q: 'adebayo', first: 'Folake Adebayo', top3: ['Adebayo Adeyemo'] },
  { q: 'boateng', first: 'Kofi Boateng' },
  { q: 'diallo', first: 'Aminata Diallo' },
  { q: 'eze', first: 'Chidi Eze' },
  // Polish.
  { q: 'kowalczyk', first: 'Anna Kowalczyk' },
  { q: 'kowalczik', first: 'Anna Kowalczyk' },
  { q: 'wisniewska', first: 'Katarzyna Wiśniewska' },
  { q: 'lukasz', first: 'Łukasz Zieliński' },
  { q: 'wozniak', first: 'Krzysztof Woźniak' },
  { q: 'nowak', first: 'Tomasz Nowak' },
  { q: 'dabrowska', first: 'Zofia Dąbrowska' },
  { q: 'lewandowska', first: 'Agnieszka Lewandowska' },
  // Others.
  { q: 'van dijk', first: 'Anneke van Dijk' },
  { q: 'dijk', first: 'Anneke van Dijk' },
  { q: 'lemaire', first: 'François Lemaire' },
  { q: 'francois', first: 'François Lemaire' },
  { q: 'zoe', first: 'Zoë Ashworth' },
];

export const ESTABLISHMENT_CASES: RelevanceCase[] = [
  { q: 'HMP Belmarsh', first: 'Belmarsh (HMP & YOI)' },
  { q: 'Belmarsh prison', first: 'Belmarsh (HMP & YOI)' },
  { q: 'belmarsh', first: 'Belmarsh (HMP & YOI)' },
  { q: 'BAI', first: 'Belmarsh (HMP & YOI)' },
  { q: 'HMYOI Feltham', first: 'Feltham (HMYOI)', top3: ['Feltham (HMP)'] },
  { q: 'Feltham', first: 'Feltham (HMP)', top3: ['Feltham (HMYOI)'] },
  { q: 'Parc', first: 'Parc (HMP & YOI)', top3: ['Parc (HMYOI)'] },
  { q: 'Barlinnie', first: 'Barlinnie (HMP)' },
  { q: 'HMP Brixton', first: 'Brixton (HMP)' },
  { q: 'brixton prison', first: 'Brixton (HMP)' },
  { q: 'Wormwood Scrubs', first: 'Wormwood Scrubs (HMP & YOI)' },
  { q: 'scrubs', first: 'Wormwood Scrubs (HMP & YOI)' },
  { q: 'yarls wood', first: "Yarl's Wood IRC" },
  { q: "Yarl's Wood IRC", first: "Yarl's Wood IRC" },
  { q: 'Broadmoor', first: 'Broadmoor Hospital' },
  { q: 'state hospital', first: 'The State Hospital' },
  { q: 'HMP Liverpool', first: 'Liverpool (HMP)', top3: ['Altcourse (HMP & YOI)'] },
  { q: 'pentonvile', first: 'Pentonville (HMP & YOI)' },
  { q: 'wandswoth', first: 'Wandsworth (HMP & YOI)' },
  { q: 'Oakhill STC', first: 'Oakhill (STC)' },
  { q: 'hydebank', first: 'Hydebank Wood Secure College' },
  { q: 'HMP Durham', first: 'Durham (HMP & YOI)' },
  { q: 'Isle of Wight prison', first: 'Isle Of Wight (HMP & YOI)' },
  { q: 'the mount', first: 'The Mount (HMP)' },
  { q: 'Colnbrook IRC', first: 'Colnbrook IRC' },
  { q: 'maghaberry', first: 'Maghaberry (HMP)' },
];

/** Below these, `npm test` fails. */
export const FIRST_PLACE_AIM = 0.95;
export const TOP_THREE_AIM = 1;
