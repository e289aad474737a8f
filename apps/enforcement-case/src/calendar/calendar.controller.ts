import { Roles } from '@pipeline/auth';
import { WorkingCalendar } from '@pipeline/calendar';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CalendarViewDto } from './calendar-view.dto';
import { calendarView } from './calendar.view';

@ApiTags('工作日历')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: WorkingCalendar) {}

  @Get()
  @ApiOkResponse({ description: '计算期限所用的节假日与调休安排（已载入的年度及其来源），以及本年度是否已载入', type: CalendarViewDto })
  @Roles('operator', 'dispatcher', 'officer', 'admin')
  get() {
    return calendarView(new Date(), this.calendar);
  }
}
