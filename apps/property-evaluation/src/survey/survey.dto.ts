import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { SURVEY_ANSWERS, type SurveyAnswer } from '../scheme/scheme';

export class SurveyAnswerDto {
  @ApiProperty({ description: '题目编号', example: 'Q1' })
  @Matches(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, { message: '题目编号格式有误' })
  question: string;

  @ApiProperty({ description: '满意 / 基本满意 / 不满意', enum: SURVEY_ANSWERS })
  @IsIn(SURVEY_ANSWERS, { message: `answer 须为 ${SURVEY_ANSWERS.join(' / ')}（满意 / 基本满意 / 不满意）` })
  answer: SurveyAnswer;
}

export class SurveyResponseDto {
  @ApiProperty({
    description: '住户编号（楼-单元-室等房屋编号，不填姓名或电话）',
    example: '3-2-501',
  })
  @Matches(/^(?!1\d{10}$)[0-9A-Za-z][0-9A-Za-z-]{0,31}$/, { message: '住户编号只含字母、数字与连字符（如 3-2-501），不填姓名或电话' })
  householdRef: string;

  @ApiProperty({ type: [SurveyAnswerDto], description: '每题一个回答，须答全部题目' })
  @IsArray({ message: 'answers 须为数组' })
  @ArrayMinSize(1, { message: '至少回答一题' })
  @ArrayMaxSize(30, { message: '最多 30 题' })
  @ValidateNested({ each: true })
  @Type(() => SurveyAnswerDto)
  answers: SurveyAnswerDto[];

  @ApiPropertyOptional({ description: '收集方式', enum: ['paper', 'wechat', 'door_to_door', 'phone'] })
  @IsOptional()
  @IsIn(['paper', 'wechat', 'door_to_door', 'phone'], { message: 'channel 须为 paper / wechat / door_to_door / phone' })
  channel?: string;
}
