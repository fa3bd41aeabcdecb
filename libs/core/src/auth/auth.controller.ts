import { Body, Controller, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { AuthService } from './auth.service.js';
import { Public } from './decorators.js';
import { LoginDto, LogoutDto, RefreshDto, TokenPairDto } from './dto/auth.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; deviceId binds the access token to one device' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(400, 401, 429)
  login(@Body() dto: LoginDto, @Ip() ip: string) {
    return this.auth.login(dto.email, dto.password, dto.deviceId, ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token; reusing an old one revokes the whole family' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(400, 401)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Public() // the refresh token is a credential of its own: logging out must not need a fresh access token
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke the given refresh token family; needs that refresh token or a valid access token',
  })
  @ApiErrors(400, 401)
  async logout(@Body() dto: LogoutDto, @Headers('authorization') authorization?: string): Promise<void> {
    await this.auth.logout(dto.refreshToken, authorization);
  }
}
