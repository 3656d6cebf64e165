<#-- Portico's sign-in form, on Keycloak's own layout and fields. One change from Keycloak's page: "Forgot Password?"
     leads to the portal's page (the client's base URL + forgot-password), so that every password a user chooses
     passes the portal's strength check. Keycloak's own reset is switched off in the realm. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password'); section>
    <#if section = "header">
        ${msg("loginAccountTitle")}
    <#elseif section = "form">
        <div id="kc-form">
          <div id="kc-form-wrapper">
            <#if realm.password>
                <form id="kc-form-login" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;" action="${url.loginAction}" method="post" novalidate="novalidate">
                    <#if !usernameHidden??>
                        <@field.input name="username" label=msg("usernameOrEmail") error=messagesPerField.getFirstError('username','password')
                            autofocus=true autocomplete="username" value=login.username!'' />
                    </#if>
                    <@field.password name="password" label=msg("password") error="" autofocus=usernameHidden?? autocomplete="current-password">
                        <#if client?? && client.baseUrl?has_content>
                            <div class="${properties.kcInputHelperTextItemClass}">
                              <span class="${properties.kcInputHelperTextItemTextClass}">
                                  <a id="portico-forgot-password" href="${client.baseUrl?remove_ending("/")}/forgot-password">${msg("doForgotPassword")}</a>
                              </span>
                            </div>
                        </#if>
                    </@field.password>
                    <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>/>
                    <@buttons.loginButton />
                </form>
            </#if>
          </div>
        </div>
    </#if>
</@layout.registrationLayout>
