/**
 * What hub sites write in their monthly returns: sentences grouped by theme
 * and by the section they belong in. The example generates each return's
 * narrative from these, so the coded themes and the emerging theme have
 * realistic text behind them. "{n}", "{m}" and "{partner}" are filled in.
 */

export type NarrativeSection = 'challenges' | 'insights' | 'goodPractice' | 'support';

export interface DemoTheme {
  key: string;
  name: string;
  description: string;
  /** Left out of the codebook, so "emerging themes" has something real to find. */
  emerging?: boolean;
  /** The first round in which sites start writing about it. */
  fromRound?: number;
  sentences: Record<NarrativeSection, string[]>;
}

export const demoThemes: DemoTheme[] = [
  {
    key: 'assessment',
    name: 'Assessment capacity',
    description: 'Social worker time for Form F assessments, backlogs and waits for panel.',
    sentences: {
      challenges: [
        'We have {n} households waiting for a Form F assessment because two supervising social workers left in {m}.',
        'Assessments are taking longer than planned: the assessing team is carrying vacancies and agency cover ends this month.',
        'Panel dates are the bottleneck; the next two panels are already full, so approvals will slip into next month.',
        'Our assessment backlog grew again: {n} applicants are waiting more than eight weeks for an assessor to be allocated.',
      ],
      insights: [
        'Applicants who are allocated an assessor within two weeks of applying are far less likely to withdraw.',
        'Splitting the Form F between two assessors did not save time: handovers added weeks.',
        'Most withdrawals in the assessment stage happen while people wait, not because of the assessment itself.',
      ],
      goodPractice: [
        'Sharing a pool of independent assessors across the hub has cut the wait for allocation from nine weeks to three.',
        'We now hold an extra panel every other month, which cleared {n} approvals that were waiting.',
        'A fortnightly check-in call with every applicant waiting for an assessor has kept them engaged.',
      ],
      support: [
        'We would like the department to fund additional assessor capacity across the hub for the next two quarters.',
        'Help to recruit supervising social workers: a regional pay supplement would make the difference.',
      ],
    },
  },
  {
    key: 'housing',
    name: 'Spare rooms and housing',
    description: 'Applicants without a spare bedroom, housing costs and council housing policy.',
    sentences: {
      challenges: [
        'Around a third of enquirers tell us they do not have a spare bedroom, so they cannot go further.',
        'Rising rents mean families who would foster are moving to smaller homes or out of the area.',
        'Several strong enquiries stopped when people learned they would need a spare room for each child.',
        '{n} enquirers this month were social housing tenants who could not get a transfer to a larger home.',
      ],
      insights: [
        'The spare room rule loses us more enquirers at the first call than any other single reason.',
        'Households in social housing are interested, but the housing allocation policy does not recognise fostering.',
        'Enquirers in the rural districts are more likely to have the space; the city enquirers rarely do.',
      ],
      goodPractice: [
        'Our housing department now gives foster carers priority for a transfer to a larger home, and {n} families have moved.',
        'We agreed a loft conversion grant with housing for approved carers who need an extra bedroom.',
        'Working with the housing team, we now flag fostering in the allocation policy as a priority need.',
      ],
      support: [
        'Could the department raise foster carer priority in social housing allocations with MHCLG?',
        'Guidance for councils on using housing grants to create space for foster children would help.',
      ],
    },
  },
  {
    key: 'marketing',
    name: 'Campaign reach and marketing',
    description: 'Shared brand, campaigns, social media, radio and who the campaign reaches.',
    sentences: {
      challenges: [
        'The social media campaign reached a lot of people but few of them went on to enquire.',
        'Our adverts are not reaching men or people from Black and Asian communities; enquiries are mostly from white women over forty.',
        'The shared brand launched late, so this month we ran two separate campaigns that confused people.',
        'Paid search costs have doubled since the independent agencies increased their spending.',
      ],
      insights: [
        'Enquiries peak in the two weeks after a local radio campaign and then fall back quickly.',
        'Real carers telling their own story on local radio brought in more enquiries than any paid advert.',
        'People who heard about fostering from a friend who fosters are the most likely to reach approval.',
      ],
      goodPractice: [
        'Our foster carer ambassadors spoke at {n} community events and brought in a third of this month’s enquiries.',
        'Targeted adverts with the mosque and church networks brought {n} enquiries from communities we had not reached before.',
        'A joint information evening with the neighbouring authorities drew {n} households.',
      ],
      support: [
        'We would welcome a national campaign timed with ours so local adverts are not competing with silence.',
        'Help to evaluate which channels actually lead to approvals, not just enquiries.',
      ],
    },
  },
  {
    key: 'front-door',
    name: 'Speed of response to enquiries',
    description: 'How quickly enquirers are called back and the hub’s single front door.',
    sentences: {
      challenges: [
        'Callbacks to new enquirers are taking up to a week because the front door team is short staffed.',
        'Enquiries through the new website form are not reaching the authorities on the same day.',
        'We lose people between the first call and the initial visit: {n} enquirers this month did not book a visit.',
        'Out-of-hours enquiries wait until Monday, and by then some have called an agency.',
      ],
      insights: [
        'Enquirers called back within 24 hours are twice as likely to book an initial visit.',
        'Most people who enquire have already spoken to an independent agency, so speed matters.',
        'The first conversation matters more than the information pack: people remember how they were treated.',
      ],
      goodPractice: [
        'The single front door now calls every enquirer back within one working day, and visit bookings are up.',
        'An experienced foster carer makes the first call, which enquirers tell us they value.',
        'We offer evening and Saturday initial visits, and {n} households took them up this month.',
      ],
      support: [
        'Funding to keep the front door staffed at weekends would stop us losing enquiries to agencies.',
        'A shared enquiry system across the hub so nothing is lost between authorities.',
      ],
    },
  },
  {
    key: 'agencies',
    name: 'Competition with independent agencies',
    description: 'Independent fostering agencies recruiting in the same places, allowances and fees.',
    sentences: {
      challenges: [
        'Independent agencies are offering higher fees in our area and {n} of our enquirers went to them.',
        'Two of our approved carers transferred to an agency this month for a better allowance.',
        'Agencies advertise heavily in the same places and at the same times as our campaign.',
        'Enquirers compare our allowances with agency fees on the first call and many do not go further.',
      ],
      insights: [
        'Carers who move to agencies often say it was about support, not only money.',
        'Enquirers do not know the difference between fostering for the council and for an agency.',
        'Being clear about the local offer early reduces drop-out to agencies.',
      ],
      goodPractice: [
        'We agreed a joint recruitment protocol with the local agencies so we stop bidding against each other.',
        'Our explainer on why to foster for your council is now sent to every enquirer and drop-out has fallen.',
        'We benchmarked our allowances against agency fees across the hub and published the comparison.',
      ],
      support: [
        'National guidance on fees and allowances would stop authorities competing with each other and with agencies.',
        'Could the department look at regulation of agency advertising spend funded by councils’ own placements?',
      ],
    },
  },
  {
    key: 'data',
    name: 'Data sharing and the shared tracker',
    description: 'The hub’s shared enquiry tracker, information governance and reporting.',
    sentences: {
      challenges: [
        'The shared tracker is still not live here because the data sharing agreement is waiting for legal sign-off.',
        'We are counting enquiries differently from the other authorities, so the hub figures do not match.',
        'Information governance will not let us share applicant details with the hub front door yet.',
        'Double entry between the tracker and our case system is taking a day a week of admin time.',
      ],
      insights: [
        'Once the tracker was live we could see, for the first time, where in the journey people drop out.',
        'The hub figures became trustworthy only when everyone agreed one definition of an enquiry.',
        'Data protection concerns eased once the information governance leads met each other.',
      ],
      goodPractice: [
        'The hub data sharing agreement template is signed by all six authorities and others can reuse it.',
        'A monthly data clinic with the hub analyst has cleaned up our figures.',
        'We built a simple dashboard from the tracker that the fostering panel chair now reads every month.',
      ],
      support: [
        'A national template data sharing agreement for fostering hubs would save months.',
        'Clear definitions for each indicator from the department, so every hub counts the same way.',
      ],
    },
  },
  {
    key: 'retention',
    name: 'Support and retention of carers',
    description: 'Keeping approved carers: peer support, training, respite and recognition.',
    sentences: {
      challenges: [
        'Two fostering households resigned this month; both said they felt unsupported after a difficult placement ended.',
        'Carers are telling us respite is hard to get and they are tired.',
        'We are approving carers but losing experienced ones at almost the same rate.',
        'Out-of-hours support for carers is patchy and they notice.',
      ],
      insights: [
        'Carers who join a peer support group in their first year are much more likely to stay.',
        'Exit interviews show most carers leave because of how they were treated, not because of money.',
        'New carers value a named experienced carer to call more than formal training.',
      ],
      goodPractice: [
        'Every newly approved household now has a buddy carer for their first year, and early resignations have stopped.',
        'The Mockingbird constellation in our east locality is keeping carers: none have left this year.',
        'A carers’ celebration evening with the council leader made carers feel valued; several mentioned it.',
      ],
      support: [
        'Funding for respite across the hub would help us keep experienced carers.',
        'Learning from other hubs on retention would help: what has worked elsewhere?',
      ],
    },
  },
  {
    key: 'older-children',
    name: 'Homes for teenagers and sibling groups',
    description: 'Finding carers for older children, sibling groups and children with complex needs.',
    sentences: {
      challenges: [
        'Most new carers want to foster younger children; we have {n} teenagers waiting for a family.',
        'Sibling groups are still being split because we have no carers with room for three.',
        'Children with complex needs are going to residential care because we cannot find carers.',
        'Our approvals do not match our needs: we need homes for teenagers and get enquiries for babies.',
      ],
      insights: [
        'People who have parented teenagers themselves are the most open to fostering them.',
        'Carers are more willing to take teenagers when they know they will have wraparound support.',
        'Sibling groups need larger homes, which links straight back to housing.',
      ],
      goodPractice: [
        'A campaign featuring carers of teenagers brought {n} enquiries specifically about older children.',
        'We introduced an enhanced allowance for teenagers and sibling groups, and two households have switched.',
        'Our therapeutic support offer for carers of teenagers has reduced placement breakdowns.',
      ],
      support: [
        'Guidance on specialist schemes for teenagers would help us design ours.',
        'We need capital funding to adapt carers’ homes for sibling groups.',
      ],
    },
  },
  {
    key: 'cost-of-living',
    name: 'Cost of living and allowances',
    description: 'Allowances that no longer cover the cost of caring, energy and food costs.',
    emerging: true,
    fromRound: 8,
    sentences: {
      challenges: [
        'Carers tell us the fostering allowance no longer covers the cost of living, and {n} have asked for a review.',
        'With the cost of living rising, some carers say the allowance will not stretch to another child.',
        'Enquirers ask about the allowance first and worry they cannot afford to foster with the cost of living as it is.',
        'The cost of living is biting: carers say the allowance does not cover food, energy and petrol for contact visits.',
      ],
      insights: [
        'Cost of living worries are now the first question enquirers ask, ahead of the allowance for each child.',
        'Carers on lower incomes feel the cost of living most; for them the allowance decides whether they carry on.',
        'The gap between the allowance and the real cost of living for a fostering household is widening.',
      ],
      goodPractice: [
        'We paid every carer a one-off cost of living payment on top of the allowance, and they tell us it made them feel noticed.',
        'Council tax exemption helps carers with the cost of living, and enquirers now ask about it alongside the allowance.',
        'We now explain the full allowance package, including help with the cost of living, at the first call.',
      ],
      support: [
        'An uplift to the national minimum allowance in line with the cost of living would help us keep carers.',
        'Could the department issue guidance on cost of living support and allowances for foster carers?',
      ],
    },
  },
];

/** The cheerful or neutral lines that pad a return when a site has little to report. */
export const fillers: Record<NarrativeSection, string[]> = {
  challenges: ['Nothing new this month.', 'As reported last month.'],
  insights: ['Nothing new to add this month.', 'Too early to say.'],
  goodPractice: ['Nothing new to share.', 'See last month’s return.'],
  support: ['None this month.', 'No new requests.'],
};
