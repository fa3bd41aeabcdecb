import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Authenticated, CurrentUser } from './decorators.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { TokenPairDto } from './dto/auth.dto.js';
import { PasswordChangeService } from './password-change.service.js';
import type { Principal } from './principal.js';

@ApiTags('auth')
@Controller('me')
@Authenticated()
export class MeController {
  constructor(private readonly passwords: PasswordChangeService) {}

  @Post('password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change your own password',
    description:
      'Needs the current password. Ends every other session of the user: refresh tokens are revoked, ' +
      'access tokens issued before are refused, live sockets get `session_revoked` and are closed. ' +
      'The caller stays signed in with the fresh token pair of the answer (the access token sent ' +
      'with this request is refused from now on). A wrong current password is 401 and counts ' +
      'against LOGIN_ATTEMPTS_PER_15_MIN.',
  })
  @ApiOkResponse({ type: TokenPairDto, description: 'A fresh token pair for the caller' })
  @ApiErrors(400, 401, 429, 503)
  change(@CurrentUser() me: Principal, @Body() dto: ChangePasswordDto) {
    return this.passwords.changeOwn(me, dto.currentPassword, dto.newPassword);
  }
}
