import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors, type FieldError } from '@pipeline/contracts';
import { DEFAULT_SCHEME } from './default-scheme';
import { IndicatorDto, PartyDto, SchemeDto } from './scheme.dto';

/** JSON as a client would post it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the point is to send what the types forbid
type Json = any;

function submitted(): Json {
  const { version: _version, ...rest } = structuredClone(DEFAULT_SCHEME);
  return rest;
}

/** The global ValidationPipe's options (libs/infra/http), and the field paths it reports. */
function validate(body: Json): FieldError[] {
  const dto = plainToInstance(SchemeDto, body as object, { enableImplicitConversion: false });
  return flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }));
}

function errorsAfter(mutate: (j: Json) => void): FieldError[] {
  const json = submitted();
  mutate(json);
  return validate(json);
}

const copies = (n: number, make: (i: number) => unknown) => Array.from({ length: n }, (_, i) => make(i));

describe('SchemeDto', () => {
  it('accepts the default scheme and builds the nested classes', () => {
    const json = submitted();
    expect(validate(json)).toEqual([]);
    const dto = plainToInstance(SchemeDto, json as object);
    expect(dto.parties[4]).toBeInstanceOf(PartyDto);
    expect(dto.parties[4]!.indicators[0]).toBeInstanceOf(IndicatorDto);
  });

  it('trims names', () => {
    const json = submitted();
    json.parties[0].name = '  业主  ';
    expect(plainToInstance(SchemeDto, json as object).parties[0]!.name).toBe('业主');
  });

  describe('unknown fields', () => {
    it.each<[string, (j: Json) => void, string]>([
      ['version: the service numbers versions', (j) => { j.version = 2; }, 'version'],
      ['at the top', (j) => { j.owner = 'x'; }, 'owner'],
      ['in a party', (j) => { j.parties[2].colour = 'red'; }, 'parties[2].colour'],
      ['in an indicator', (j) => { j.parties[4].indicators[3].weight = 1; }, 'parties[4].indicators[3].weight'],
      ['in a nested object', (j) => { j.complaintIndicator.blend.cases = 0.1; }, 'complaintIndicator.blend.cases'],
      ['an answer the survey does not have', (j) => { j.survey.answerScores.very_satisfied = 100; }, 'survey.answerScores.very_satisfied'],
    ])('refuses one %s', (_label, mutate, field) => {
      expect(errorsAfter(mutate)).toEqual([{ field, messages: [expect.stringContaining('should not exist')] }]);
    });
  });

  describe('wrong types', () => {
    it.each<[string, (j: Json) => void, string, string]>([
      ['a weight as a string', (j) => { j.parties[0].weight = '30'; }, 'parties[0].weight', 'weight 须为 0–100 之间的数字'],
      ['a flag as a string', (j) => { j.parties[3].mayReportVeto = 'yes'; }, 'parties[3].mayReportVeto', 'mayReportVeto 须为布尔值'],
      ['an unknown instrument', (j) => { j.parties[2].instrument = 'checklist'; }, 'parties[2].instrument', 'instrument 须为 submission | survey | complaints 之一'],
      ['a name as a number', (j) => { j.grades[0].name = 1; }, 'grades[0].name', 'name 须为 1–40 字的文字'],
      ['a code as a number', (j) => { j.vetoes[0].code = 7; }, 'vetoes[0].code', 'code 须以字母开头，由 1–32 位字母、数字、下划线或连字符组成'],
      ['an object as a string', (j) => { j.survey = 'x'; }, 'survey', 'survey 须为对象'],
      ['an object as an array', (j) => { j.cards = []; }, 'cards', 'cards 须为对象'],
      ['a missing object', (j) => { delete j.exit; }, 'exit', 'exit 须为对象'],
      ['a null object', (j) => { j.complaintIndicator.callbackScores = null; }, 'complaintIndicator.callbackScores', 'callbackScores 须为对象'],
      ['a list as an object', (j) => { j.parties = { 0: j.parties[0] }; }, 'parties', 'parties 须为数组，含 1–12 项'],
      ['a list as a string', (j) => { j.vetoes = 'serious_accident'; }, 'vetoes', 'vetoes 须为数组，至多 20 项'],
      ['a list item as a string', (j) => { j.parties[1] = 'owners_committee'; }, 'parties[1]', '须为对象'],
      ['a missing deduction (null means none)', (j) => { delete j.parties[4].indicators[0].deductionPerFault; }, 'parties[4].indicators[0].deductionPerFault', 'deductionPerFault 须为 0–100 之间的数字'],
      ['a deduction as a string', (j) => { j.parties[4].indicators[0].deductionPerFault = '1'; }, 'parties[4].indicators[0].deductionPerFault', 'deductionPerFault 须为 0–100 之间的数字'],
      ['a fractional day count', (j) => { j.complaintIndicator.resolutionTargetDays = 15.5; }, 'complaintIndicator.resolutionTargetDays', 'resolutionTargetDays 须为 1–365 之间的整数'],
      ['a count as a string', (j) => { j.survey.minAnswers = '30'; }, 'survey.minAnswers', 'minAnswers 须为 1–10000 之间的整数'],
    ])('refuses %s', (_label, mutate, field, message) => {
      expect(errorsAfter(mutate)).toEqual([{ field, messages: [message] }]);
    });
  });

  describe('lengths and patterns', () => {
    it.each<[string, (j: Json) => void, string, string]>([
      ['a party name of 41 characters', (j) => { j.parties[1].name = '业'.repeat(41); }, 'parties[1].name', 'name 须为 1–40 字的文字'],
      ['a blank scheme name', (j) => { j.name = '   '; }, 'name', 'name 须为 1–40 字的文字'],
      ['an indicator category of 41 characters', (j) => { j.parties[4].indicators[0].category = 'c'.repeat(41); }, 'parties[4].indicators[0].category', 'category 须为 1–40 字的文字'],
      ['a description of 501 characters', (j) => { j.description = '说'.repeat(501); }, 'description', 'description 须为文字，不超过 500 字'],
      ['guidance of 501 characters', (j) => { j.parties[2].indicators[0].guidance = '查'.repeat(501); }, 'parties[2].indicators[0].guidance', 'guidance 须为文字，不超过 500 字'],
      ['a question of 501 characters', (j) => { j.survey.questions[0].text = '问'.repeat(501); }, 'survey.questions[0].text', 'text 须为 1–500 字的文字'],
      ['a code starting with a digit', (j) => { j.parties[0].code = '1owners'; }, 'parties[0].code', 'code 须以字母开头，由 1–32 位字母、数字、下划线或连字符组成'],
      ['a code of 33 characters', (j) => { j.grades[0].code = 'g'.repeat(33); }, 'grades[0].code', 'code 须以字母开头，由 1–32 位字母、数字、下划线或连字符组成'],
      ['a code in Chinese', (j) => { j.survey.questions[0].code = '问题一'; }, 'survey.questions[0].code', 'code 须以字母开头，由 1–32 位字母、数字、下划线或连字符组成'],
    ])('refuses %s', (_label, mutate, field, message) => {
      expect(errorsAfter(mutate)).toEqual([{ field, messages: [message] }]);
    });

    it('accepts names of 40 characters, codes of 32 and an empty description', () => {
      expect(errorsAfter((j) => {
        j.parties[1].name = '业'.repeat(40);
        j.grades[0].code = `g${'0'.repeat(31)}`;
        j.description = '';
        j.parties[2].indicators[0].guidance = '';
      })).toEqual([]);
    });
  });

  describe('list sizes', () => {
    it.each<[string, (j: Json) => void, string, string]>([
      ['no parties', (j) => { j.parties = []; }, 'parties', 'parties 须为数组，含 1–12 项'],
      ['13 parties', (j) => { j.parties = copies(13, (i) => ({ ...j.parties[2], code: `p${i}` })); }, 'parties', 'parties 须为数组，含 1–12 项'],
      ['101 indicators', (j) => { j.parties[2].indicators = copies(101, (i) => ({ ...j.parties[2].indicators[0], code: `i${i}` })); }, 'parties[2].indicators', 'indicators 须为数组，至多 100 项'],
      ['31 questions', (j) => { j.survey.questions = copies(31, (i) => ({ code: `Q${i}`, text: '是否满意？' })); }, 'survey.questions', 'questions 须为数组，至多 30 项'],
      ['no grades', (j) => { j.grades = []; }, 'grades', 'grades 须为数组，含 1–10 项'],
      ['11 grades', (j) => { j.grades = copies(11, (i) => ({ code: `g${i}`, name: `${i}档`, minScore: 100 - i * 10 })); }, 'grades', 'grades 须为数组，含 1–10 项'],
      ['21 vetoes', (j) => { j.vetoes = copies(21, (i) => ({ code: `v${i}`, name: `否决${i}` })); }, 'vetoes', 'vetoes 须为数组，至多 20 项'],
    ])('refuses %s', (_label, mutate, field, message) => {
      expect(errorsAfter(mutate)).toEqual([{ field, messages: [message] }]);
    });

    it('accepts 12 parties, 100 indicators, 30 questions, 10 grades and 20 vetoes', () => {
      expect(errorsAfter((j) => {
        j.parties = copies(12, (i) => ({ ...j.parties[2], code: `p${i}` }));
        j.parties[0].indicators = copies(100, (i) => ({ ...j.parties[0].indicators[0], code: `i${i}` }));
        j.survey.questions = copies(30, (i) => ({ code: `Q${i}`, text: '是否满意？' }));
        j.grades = copies(10, (i) => ({ code: `g${i}`, name: `${i}档`, minScore: 90 - i * 10 }));
        j.vetoes = copies(20, (i) => ({ code: `v${i}`, name: `否决${i}` }));
      })).toEqual([]);
    });
  });

  describe('number ranges', () => {
    it.each<[string, (j: Json) => void, string, string]>([
      ['a negative weight', (j) => { j.parties[0].weight = -1; }, 'parties[0].weight', 'weight 须为 0–100 之间的数字'],
      ['a weight above 100', (j) => { j.parties[0].weight = 100.5; }, 'parties[0].weight', 'weight 须为 0–100 之间的数字'],
      ['an item maximum above 100', (j) => { j.parties[1].indicators[0].maxScore = 120; }, 'parties[1].indicators[0].maxScore', 'maxScore 须为 0–100 之间的数字'],
      ['an answer score above 100', (j) => { j.survey.answerScores.satisfied = 101; }, 'survey.answerScores.satisfied', 'satisfied 须为 0–100 之间的数字'],
      ['a household share above 1', (j) => { j.survey.minShareOfHouseholds = 10; }, 'survey.minShareOfHouseholds', 'minShareOfHouseholds 须为 0–1 之间的数字'],
      ['no answers required', (j) => { j.survey.minAnswers = 0; }, 'survey.minAnswers', 'minAnswers 须为 1–10000 之间的整数'],
      ['a blend part above 1', (j) => { j.complaintIndicator.blend.volume = 60; }, 'complaintIndicator.blend.volume', 'volume 须为 0–1 之间的数字'],
      ['a negative penalty', (j) => { j.complaintIndicator.casePenalty = -2; }, 'complaintIndicator.casePenalty', 'casePenalty 须为 0–100 之间的数字'],
      ['a callback score above 100', (j) => { j.complaintIndicator.callbackScores.unsatisfied = 200; }, 'complaintIndicator.callbackScores.unsatisfied', 'unsatisfied 须为 0–100 之间的数字'],
      ['a target of 0 days', (j) => { j.complaintIndicator.resolutionTargetDays = 0; }, 'complaintIndicator.resolutionTargetDays', 'resolutionTargetDays 须为 1–365 之间的整数'],
      ['a target of 366 days', (j) => { j.complaintIndicator.resolutionTargetDays = 366; }, 'complaintIndicator.resolutionTargetDays', 'resolutionTargetDays 须为 1–365 之间的整数'],
      ['13 yellow cards in a row', (j) => { j.cards.redAfterConsecutiveYellows = 13; }, 'cards.redAfterConsecutiveYellows', 'redAfterConsecutiveYellows 须为 1–12 之间的整数'],
      ['0 periods to exit', (j) => { j.exit.consecutivePeriods = 0; }, 'exit.consecutivePeriods', 'consecutivePeriods 须为 1–12 之间的整数'],
      ['a grade above 100', (j) => { j.grades[0].minScore = 101; }, 'grades[0].minScore', 'minScore 须为 0–100 之间的数字'],
    ])('refuses %s', (_label, mutate, field, message) => {
      expect(errorsAfter(mutate)).toEqual([{ field, messages: [message] }]);
    });
  });

  it('names every bad field at once', () => {
    const errors = errorsAfter((j) => {
      j.name = '';
      j.parties[0].weight = 'thirty';
      j.parties[4].indicators[2].code = '';
      j.cards.yellowOnVeto = 1;
      j.extra = true;
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['cards.yellowOnVeto', 'extra', 'name', 'parties[0].weight', 'parties[4].indicators[2].code']);
  });
});
